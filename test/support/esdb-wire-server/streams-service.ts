import { status, type sendUnaryData, type ServerReadableStream, type ServerWritableStream } from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { EventFilter, EventLog, ExpectedState, ProposedEvent, StoredEvent } from './event-log.js';

const { AppendResp, ReadResp } = streamsPb;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadRespMessage = InstanceType<typeof ReadResp>;
type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;

export interface ServiceControls {
  /** Calls in progress, so that kill() can end them. */
  readonly activeCalls: Set<{ emit(event: 'error', error: unknown): boolean }>;
  /** Counts per method name ("Append", "Read", ...), to prove which path the client took. */
  readonly calls: Map<string, number>;
  /** When true, appends are never answered (the client's deadline must fire). */
  stallAppends: boolean;
}

const count = (controls: ServiceControls, method: string) => controls.calls.set(method, (controls.calls.get(method) ?? 0) + 1);

const streamNameOf = (identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const uuidText = (uuid: InstanceType<typeof sharedPb.UUID> | undefined): string => {
  if (!uuid) return crypto.randomUUID();
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const expectedStateOf = (options: InstanceType<typeof streamsPb.AppendReq.Options>): ExpectedState => {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

/**
 * Streams.Append: one options message, then one ProposedMessage per event;
 * the answer is Success (current revision and position of the last event) or
 * WrongExpectedVersion (current revision or no stream) — Appending events ›
 * Handling concurrency. The metadata map carries "type" and "content-type".
 */
export const appendHandler =
  (log: EventLog, controls: ServiceControls) =>
  (call: ServerReadableStream<AppendReq, unknown>, callback: sendUnaryData<unknown>): void => {
    count(controls, 'Append');
    controls.activeCalls.add(call);
    let streamId = '';
    let expected: ExpectedState = { kind: 'any' };
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) {
        const options = request.getOptions()!;
        streamId = streamNameOf(options.getStreamIdentifier());
        expected = expectedStateOf(options);
        return;
      }
      const proposed = request.getProposedMessage()!;
      const metadata = proposed.getMetadataMap();
      events.push({
        id: uuidText(proposed.getId()),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: proposed.getData_asU8(),
        customMetadata: proposed.getCustomMetadata_asU8(),
      });
    });
    call.on('end', () => {
      controls.activeCalls.delete(call);
      if (controls.stallAppends) return;
      if (streamId.startsWith('$') && !streamId.startsWith('$$'))
        return callback({ code: status.PERMISSION_DENIED, details: 'system streams are written by the server in this test double' });
      callback(null, toAppendResp(log.append(streamId, expected, events)));
    });
    call.on('error', () => controls.activeCalls.delete(call));
  };

const toAppendResp = (outcome: ReturnType<EventLog['append']>) => {
  const response = new AppendResp();
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.currentRevision < 0) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(String(outcome.currentRevision));
    if (outcome.currentRevision < 0) success.setNoPosition(new sharedPb.Empty());
    else success.setPosition(new AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
    return response.setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(String(outcome.currentRevision));
  return response.setWrongExpectedVersion(wrong);
};

const toReadEvent = (event: StoredEvent): ReadRespMessage => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new sharedPb.UUID().setString(event.id))
    .setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(event.streamId, 'utf8')))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', String(event.created));
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position));
  return new ReadResp().setEvent(readEvent);
};

/**
 * Server-side filtering (Subscriptions › Server-side filtering): on the
 * stream name or the event type, by a list of prefixes or by a regular
 * expression (.NET regex on the server; JavaScript RegExp here).
 */
const filterOf = (options: ReadOptions): EventFilter => {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStreamName = filter.hasStreamIdentifier();
  const expression = onStreamName ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (event) => {
    const subject = onStreamName ? event.streamId : event.type;
    if (prefixes.length > 0 && !prefixes.some((prefix) => subject.startsWith(prefix))) return false;
    return regex === undefined || regex.test(subject);
  };
};

const maxCountOf = (options: ReadOptions): number =>
  options.hasCount() ? Math.min(Number(BigInt(options.getCount())), Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;

/**
 * Reading events › Reading from a stream: forwards from a revision
 * (inclusive) or the start, backwards from a revision (inclusive) or the
 * end, up to a count; a missing stream answers StreamNotFound.
 */
const readStream = (log: EventLog, options: ReadOptions, send: (message: ReadRespMessage) => void): void => {
  const streamOptions = options.getStream()!;
  const streamId = streamNameOf(streamOptions.getStreamIdentifier());
  const stream = log.stream(streamId);
  if (!stream) {
    send(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamOptions.getStreamIdentifier())));
    return;
  }
  const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
  const revision = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : undefined;
  const selected = backwards
    ? stream.filter((event) => revision === undefined || streamOptions.hasEnd() || event.revision <= revision).reverse()
    : stream.filter((event) => revision === undefined || streamOptions.hasStart() || event.revision >= revision);
  for (const event of selected.filter(filterOf(options)).slice(0, maxCountOf(options))) send(toReadEvent(event));
};

/**
 * Reading events › Reading from the $all stream: forwards from a position
 * (the record at that position included) or the start; backwards from a
 * position (records before it) or the end; system records included, as on a
 * real node read by an admin.
 */
const readAll = (log: EventLog, options: ReadOptions, send: (message: ReadRespMessage) => void): void => {
  const allOptions = options.getAll()!;
  const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
  const from = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : undefined;
  const all = log.allEvents();
  const selected = backwards
    ? all.filter((event) => from === undefined || allOptions.hasEnd() || event.position < from).reverse()
    : all.filter((event) => from === undefined || allOptions.hasStart() || event.position >= from);
  for (const event of selected.filter(filterOf(options)).slice(0, maxCountOf(options))) send(toReadEvent(event));
};

/** The default checkpoint interval multiplier × the server's fixed search window of 32 (EventStore PR #2608). */
const CHECKPOINT_WINDOW = 32;

/**
 * Subscriptions (Catch-up subscriptions): a confirmation, the existing events
 * after the start point — "the positions provided to the subscriptions are
 * exclusive" (Subscribing from a position) — then CaughtUp (servers ≥ 23.10,
 * KurrentDB PR #3899), then live events as they are written. Filtered $all
 * subscriptions also receive a checkpoint every checkpointInterval × 32
 * matching events (Server-side filtering › Checkpointing; FACTS.md).
 */
const subscribe = (log: EventLog, options: ReadOptions, call: ServerWritableStream<ReadReq, ReadRespMessage>): void => {
  const matches = filterOf(options);
  const onAll = options.hasAll();
  let inScope: (event: StoredEvent) => boolean;
  if (onAll) {
    const allOptions = options.getAll()!;
    const after = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : undefined;
    const startAfter = allOptions.hasEnd() ? (log.allEvents().at(-1)?.position ?? -1n) : (after ?? -1n);
    inScope = (event) => event.position > startAfter && matches(event);
  } else {
    const streamOptions = options.getStream()!;
    const streamId = streamNameOf(streamOptions.getStreamIdentifier());
    const last = log.stream(streamId)?.at(-1)?.revision ?? -1;
    const startAfter = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions.hasEnd() ? last : -1;
    inScope = (event) => event.streamId === streamId && event.revision > startAfter;
  }
  const checkpointEvery = options.hasFilter() ? options.getFilter()!.getCheckpointintervalmultiplier() * CHECKPOINT_WINDOW : 0;
  let sinceCheckpoint = 0;
  const deliver = (event: StoredEvent) => {
    call.write(toReadEvent(event));
    if (checkpointEvery === 0 || ++sinceCheckpoint < checkpointEvery) return;
    sinceCheckpoint = 0;
    const position = String(event.position);
    call.write(new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position)));
  };

  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID())));
  // Catch-up and the switch to live happen in one turn of the event loop, so no write falls between them.
  for (const event of log.allEvents()) if (inScope(event)) deliver(event);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const unsubscribe = log.onWrite((event) => {
    if (inScope(event)) deliver(event);
  });
  const end = () => unsubscribe();
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
};

export const readHandler =
  (log: EventLog, controls: ServiceControls) =>
  (call: ServerWritableStream<ReadReq, ReadRespMessage>): void => {
    count(controls, 'Read');
    const options = call.request.getOptions();
    if (!options) return call.emit('error', { code: status.INVALID_ARGUMENT, details: 'ReadReq without options' }) as unknown as void;
    if (options.hasSubscription()) {
      controls.activeCalls.add(call);
      call.on('close', () => controls.activeCalls.delete(call));
      call.on('cancelled', () => controls.activeCalls.delete(call));
      return subscribe(log, options, call);
    }
    const send = (message: ReadRespMessage) => call.write(message);
    if (options.hasAll()) readAll(log, options, send);
    else readStream(log, options, send);
    call.end();
  };
