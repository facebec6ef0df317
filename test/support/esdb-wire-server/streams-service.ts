import { status, type sendUnaryData, type ServerDuplexStream, type ServerReadableStream, type ServerWritableStream } from '@grpc/grpc-js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
// The same google-protobuf the generated classes require (a dependency of @eventstore/db-client).
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import type { AppendOutcome, EventFilter, EventLog, ExpectedState, ProposedEvent, StoredEvent } from './event-log.js';

const { AppendResp, BatchAppendResp, ReadResp } = streamsPb;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendRespMessage = InstanceType<typeof BatchAppendResp>;
type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadRespMessage = InstanceType<typeof ReadResp>;
type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;

export interface ServiceControls {
  /** Calls in progress, so that kill() can end them. */
  readonly activeCalls: Set<{ emit(event: 'error', error: unknown): boolean }>;
  /** Counts per method name ("Append", "BatchAppend", "Read", ...) — calls, not appends: one BatchAppend call carries many appends. */
  readonly calls: Map<string, number>;
  /**
   * When true, appends are never written. Streams.Append never answers (the
   * client's call deadline fires); Streams.BatchAppend answers Status.Timeout
   * when the append's own deadline passes, as the server does.
   */
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

/** The expected-state oneof, shared by AppendReq.Options (`revision`) and BatchAppendReq.Options (`stream_position`). */
const expectedStateOf = (
  revision: string | undefined,
  options: { hasNoStream(): boolean; hasStreamExists(): boolean },
): ExpectedState => {
  if (revision !== undefined) return { kind: 'revision', revision: Number(revision) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

/** AppendReq.ProposedMessage and BatchAppendReq.ProposedMessage carry the same fields. */
interface ProposedMessage {
  getId(): InstanceType<typeof sharedPb.UUID> | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** The metadata map carries "type" and "content-type" (Appending events › EventData). */
const toProposedEvent = (proposed: ProposedMessage): ProposedEvent => {
  const metadata = proposed.getMetadataMap();
  return {
    id: uuidText(proposed.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: proposed.getData_asU8(),
    customMetadata: proposed.getCustomMetadata_asU8(),
  };
};

/**
 * Streams › System streams: `$`-prefixed streams belong to the server (`$$`
 * metadata streams excepted); this double lets no client write them, on
 * either append path.
 */
const isSystemStream = (streamId: string): boolean => streamId.startsWith('$') && !streamId.startsWith('$$');
const SYSTEM_STREAM_REFUSAL = 'system streams are written by the server in this test double';

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
        expected = expectedStateOf(options.hasRevision() ? options.getRevision() : undefined, options);
        return;
      }
      events.push(toProposedEvent(request.getProposedMessage()!));
    });
    call.on('end', () => {
      controls.activeCalls.delete(call);
      if (controls.stallAppends) return;
      if (isSystemStream(streamId)) return callback({ code: status.PERMISSION_DENIED, details: SYSTEM_STREAM_REFUSAL });
      callback(null, toAppendResp(log.append(streamId, expected, events)));
    });
    call.on('error', () => controls.activeCalls.delete(call));
  };

const toAppendResp = (outcome: AppendOutcome) => {
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

type RpcStatus = InstanceType<typeof statusPb.Status>;
type RpcCode = Parameters<RpcStatus['setCode']>[0];

/**
 * A google.rpc.Status whose `details` packs the message the client unpacks by
 * type name. Server-side wire shapes in this file are from kurrent-io/KurrentDB
 * src/EventStore.Core/Services/Transport/Grpc/ (Status.cs,
 * WrongExpectedVersion.cs, BatchAppendResp.cs, Streams.BatchAppend.cs); the
 * client side from @eventstore/db-client dist/streams/appendToStream/
 * (batchAppend.js, unpackError.js).
 */
const rpcStatus = (code: RpcCode, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string): RpcStatus => {
  const details = new anyPb.Any();
  details.pack(detail.serializeBinary(), typeName);
  return new statusPb.Status().setCode(code).setMessage(message).setDetails(details);
};

/**
 * Appending events › Handling concurrency, answered on the BatchAppend path:
 * Status ALREADY_EXISTS "WrongExpectedVersion" with an
 * event_store.client.WrongExpectedVersion detail carrying the current
 * revision (or current_no_stream) and what was expected
 * (Status.WrongExpectedVersion / WrongExpectedVersion.Create in the server).
 * The client turns it into WrongExpectedVersionError.
 */
const wrongExpectedVersionStatus = (expected: ExpectedState, currentRevision: number | undefined): RpcStatus => {
  const detail = new sharedPb.WrongExpectedVersion();
  if (currentRevision === undefined) detail.setCurrentNoStream(new emptyPb.Empty());
  else detail.setCurrentStreamRevision(String(currentRevision));
  switch (expected.kind) {
    case 'revision':
      detail.setExpectedStreamPosition(String(expected.revision));
      break;
    case 'no_stream':
      detail.setExpectedNoStream(new emptyPb.Empty());
      break;
    case 'stream_exists':
      detail.setExpectedStreamExists(new emptyPb.Empty());
      break;
    case 'any':
      detail.setExpectedAny(new emptyPb.Empty());
      break;
    default: {
      const unhandled: never = expected;
      throw new Error(`unknown expected state ${JSON.stringify(unhandled)}`);
    }
  }
  return rpcStatus(codePb.Code.ALREADY_EXISTS, 'WrongExpectedVersion', detail, 'event_store.client.WrongExpectedVersion');
};

/** Status.Timeout: DEADLINE_EXCEEDED with an event_store.client.Timeout detail; the client raises DeadlineExceededError. */
const timeoutStatus = (): RpcStatus => rpcStatus(codePb.Code.DEADLINE_EXCEEDED, 'Timeout', new sharedPb.Timeout(), 'event_store.client.Timeout');

/** Status.AccessDenied: PERMISSION_DENIED with an event_store.client.AccessDenied detail; the client raises AccessDeniedError. */
const accessDeniedStatus = (): RpcStatus =>
  rpcStatus(codePb.Code.PERMISSION_DENIED, 'AccessDenied', new sharedPb.AccessDenied(), 'event_store.client.AccessDenied');

/**
 * The same outcome as toAppendResp, in BatchAppendResp's shape: Success
 * (current revision, commit/prepare position; no_stream / no_position for an
 * empty append to a missing stream, as Success.Completed does) or an error
 * Status.
 */
const toBatchAppendResp = (outcome: AppendOutcome, expected: ExpectedState): BatchAppendRespMessage => {
  const response = new BatchAppendResp();
  if (outcome.kind === 'wrong-expected-version') return response.setError(wrongExpectedVersionStatus(expected, outcome.currentRevision));
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision < 0) success.setNoStream(new emptyPb.Empty()).setNoPosition(new emptyPb.Empty());
  else
    success
      .setCurrentRevision(String(outcome.currentRevision))
      .setPosition(new sharedPb.AllStreamPosition().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
  return response.setSuccess(success);
};

interface PendingBatchAppend {
  readonly correlationId: InstanceType<typeof sharedPb.UUID>;
  readonly streamIdentifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined;
  readonly streamId: string;
  readonly expected: ExpectedState;
  readonly events: ProposedEvent[];
  timer?: NodeJS.Timeout;
}

/**
 * Streams.BatchAppend (EventStoreDB 21.6+), one bidirectional call that
 * multiplexes appends, following the server's Streams.BatchAppend.cs (the
 * user docs describe the append rules, not this RPC):
 * - each BatchAppendReq names its append by correlation_id; the first chunk
 *   carries the options (stream, expected state, deadline), later chunks
 *   only more proposed messages; chunks of a correlation id never opened by
 *   options are dropped;
 * - on is_final the events are written as ONE append with the same rules as
 *   Streams.Append (EventLog.append: Appending events › Handling concurrency
 *   and › Idempotence), and exactly one BatchAppendResp answers it, carrying
 *   the correlation id and stream identifier: Success, or an error Status
 *   (WrongExpectedVersion, AccessDenied, Timeout);
 * - the call itself carries no deadline (the client opens it with deadline
 *   Infinity): each append's own deadline, from its options, is enforced by
 *   the server, which answers Status.Timeout when it passes unanswered
 *   (here: only when appends are stalled; a real node also caps it at its
 *   WriteTimeoutMs option, 2000 ms by default, which this double does not).
 */
export const batchAppendHandler =
  (log: EventLog, controls: ServiceControls) =>
  (call: ServerDuplexStream<BatchAppendReq, BatchAppendRespMessage>): void => {
    count(controls, 'BatchAppend');
    controls.activeCalls.add(call);
    /** Options seen, is_final not yet. */
    const receiving = new Map<string, PendingBatchAppend>();
    /** Every append not yet answered (receiving, or final but stalled). */
    const unanswered = new Set<PendingBatchAppend>();
    let clientDone = false;
    let closed = false;

    const endIfDone = () => {
      if (clientDone && unanswered.size === 0 && !closed) call.end();
    };
    const answer = (batch: PendingBatchAppend, response: BatchAppendRespMessage) => {
      if (!unanswered.delete(batch)) return;
      clearTimeout(batch.timer);
      if (closed) return;
      call.write(response.setCorrelationId(batch.correlationId).setStreamIdentifier(batch.streamIdentifier));
      endIfDone();
    };
    const open = (key: string, correlationId: InstanceType<typeof sharedPb.UUID>, options: InstanceType<typeof streamsPb.BatchAppendReq.Options>) => {
      const batch: PendingBatchAppend = {
        correlationId,
        streamIdentifier: options.getStreamIdentifier(),
        streamId: streamNameOf(options.getStreamIdentifier()),
        expected: expectedStateOf(options.hasStreamPosition() ? options.getStreamPosition() : undefined, options),
        events: [],
      };
      const deadline = options.getDeadline()?.toDate();
      if (deadline) {
        batch.timer = setTimeout(() => {
          receiving.delete(key);
          answer(batch, new BatchAppendResp().setError(timeoutStatus()));
        }, Math.max(0, deadline.getTime() - Date.now()));
        batch.timer.unref();
      }
      receiving.set(key, batch);
      unanswered.add(batch);
    };

    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      if (!correlationId) return void call.emit('error', { code: status.INVALID_ARGUMENT, details: 'BatchAppendReq without correlation_id' });
      const key = uuidText(correlationId);
      if (request.hasOptions() && !receiving.has(key)) open(key, correlationId, request.getOptions()!);
      const batch = receiving.get(key);
      if (!batch) return;
      batch.events.push(...request.getProposedMessagesList().map(toProposedEvent));
      if (!request.getIsFinal()) return;
      receiving.delete(key);
      if (controls.stallAppends) return;
      if (isSystemStream(batch.streamId)) return answer(batch, new BatchAppendResp().setError(accessDeniedStatus()));
      answer(batch, toBatchAppendResp(log.append(batch.streamId, batch.expected, batch.events), batch.expected));
    });
    call.on('end', () => {
      clientDone = true;
      endIfDone();
    });
    const close = () => {
      closed = true;
      for (const batch of unanswered) clearTimeout(batch.timer);
      unanswered.clear();
      receiving.clear();
      controls.activeCalls.delete(call);
    };
    call.on('cancelled', close);
    call.on('error', close);
    call.on('close', close);
    call.on('finish', () => controls.activeCalls.delete(call));
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
