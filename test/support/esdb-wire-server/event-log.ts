/**
 * The in-memory log behind the wire-compatible test server. Test double
 * only: no persistence, no cluster, no ACLs (see README.md).
 *
 * Doc references are to the Kurrent/EventStoreDB documentation
 * (docs.kurrent.io), section names as they stand in the 24.x docs.
 */

export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: number };

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  readonly streamId: string;
  readonly revision: number;
  /** commit = prepare = this record's byte offset in the log. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's "created" metadata carries them. */
  readonly created: bigint;
}

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: number; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: number | undefined };

export type EventFilter = (event: StoredEvent) => boolean;

/**
 * "Positions in $all are byte offsets in the transaction log, not counters"
 * (Reading events › Reading from the $all stream › position). A record's size
 * depends on its content, plus a fixed header, so consecutive positions
 * differ by varying amounts and code that assumes +1 fails.
 */
const RECORD_HEADER_BYTES = 87n;
const recordSize = (event: ProposedEvent, streamId: string): bigint =>
  RECORD_HEADER_BYTES + BigInt(Buffer.byteLength(streamId) + Buffer.byteLength(event.type) + event.data.length + event.customMetadata.length + 16);

const TICKS_PER_MS = 10_000n;

const isExpectedStateMet = (expected: ExpectedState, current: number | undefined): boolean => {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'revision':
      return current === expected.revision;
    default: {
      const unhandled: never = expected;
      throw new Error(`unknown expected state ${JSON.stringify(unhandled)}`);
    }
  }
};

export class EventLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  /** A fresh log does not start at 0: the server writes its own records first (epoch, $settings, users...). */
  private nextOffset = 4_096n;

  constructor() {
    // Streams › System streams: a real node's $all starts with the server's own `$` records.
    this.appendSystemEvent('$settings', '$settings');
    this.appendSystemEvent('$users', '$User');
  }

  /**
   * Appending events › Handling concurrency (expected revision rules), and
   * Appending events › Idempotence: "if you append the same event twice, it
   * is only written once"; guaranteed when an expected revision is given (the
   * ids are compared with the events right after it), best effort with `any`
   * (here: the ids found as one run anywhere in the stream).
   */
  append(streamId: string, expected: ExpectedState, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? undefined : stream.length - 1;
    const replay = this.idempotentReplay(stream, expected, events);
    if (replay) return replay;
    if (!isExpectedStateMet(expected, current)) return { kind: 'wrong-expected-version', currentRevision: current };
    if (events.length === 0)
      return { kind: 'success', currentRevision: current ?? -1, position: stream.at(-1)?.position ?? 0n };
    let last: StoredEvent | undefined;
    for (const event of events) last = this.write(streamId, event, stream);
    this.streams.set(streamId, stream);
    return { kind: 'success', currentRevision: last!.revision, position: last!.position };
  }

  /** Writes a record as the server itself would ($-prefixed stream or event type). */
  appendSystemEvent(streamId: string, type: string): StoredEvent {
    const stream = this.streams.get(streamId) ?? [];
    const event = this.write(
      streamId,
      { id: crypto.randomUUID(), type, contentType: 'application/json', data: Buffer.from('{}'), customMetadata: new Uint8Array() },
      stream,
    );
    this.streams.set(streamId, stream);
    return event;
  }

  stream(streamId: string): readonly StoredEvent[] | undefined {
    const stream = this.streams.get(streamId);
    return stream && stream.length > 0 ? stream : undefined;
  }

  /** $all in commit order. */
  allEvents(): readonly StoredEvent[] {
    return this.all;
  }

  /** Called synchronously for each record written, in log order: the source of live subscription events. */
  onWrite(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(streamId: string, event: ProposedEvent, stream: StoredEvent[]): StoredEvent {
    const stored: StoredEvent = {
      ...event,
      streamId,
      revision: stream.length,
      position: this.nextOffset,
      created: BigInt(Date.now()) * TICKS_PER_MS,
    };
    this.nextOffset += recordSize(event, streamId);
    stream.push(stored);
    this.all.push(stored);
    for (const listener of this.listeners) listener(stored);
    return stored;
  }

  private idempotentReplay(stream: readonly StoredEvent[], expected: ExpectedState, events: readonly ProposedEvent[]): AppendOutcome | undefined {
    if (events.length === 0) return undefined;
    const runMatches = (start: number) =>
      start >= 0 && start + events.length <= stream.length && events.every((event, index) => stream[start + index].id === event.id);
    const answer = (start: number): AppendOutcome => {
      const last = stream[start + events.length - 1];
      return { kind: 'success', currentRevision: last.revision, position: last.position };
    };
    switch (expected.kind) {
      case 'no_stream':
        return runMatches(0) ? answer(0) : undefined;
      case 'revision':
        return runMatches(expected.revision + 1) ? answer(expected.revision + 1) : undefined;
      case 'any':
      case 'stream_exists': {
        const start = stream.findIndex((event) => event.id === events[0].id);
        return runMatches(start) ? answer(start) : undefined;
      }
      default: {
        const unhandled: never = expected;
        throw new Error(`unknown expected state ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
