import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  jsonEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import { EventStoreTimeoutError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionCallbacks,
} from '../event-store.port.js';
import { isAfter, positionOf, type GlobalPosition } from '../global-position.js';
import { collectRead } from './collect-read.js';
import { toEventStoreError, type ErrorContext } from './eventstoredb-errors.js';
import { isExpectedRevisionMet, toClientExpectedRevision } from './expected-revision.js';
import { EventStoreDbSubscription, type ReconnectPolicy } from './eventstoredb-subscription.js';
import { hasRealPosition, isSystemRecord, matchesPrefixes, toRecordedEvent } from './recorded-event.js';

export interface EventStoreDbEventStoreOptions {
  /** How long an append or a read may take before it fails with EventStoreTimeoutError. Default 10 s. */
  readonly deadlineMs?: number;
  /** Backoff between resubscriptions after a dropped connection. Default 100 ms doubling to 5 s. */
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** Events per page when readAll scans $all. Default 500. */
  readonly readPageSize?: number;
}

const DEFAULT_DEADLINE_MS = 10_000;
const HEAD_PAGE_SIZE = 32;

/**
 * The event store on EventStoreDB / KurrentDB through @eventstore/db-client.
 * Event ids go to the server unchanged: they are deterministic per command,
 * so a retried append of the same events is deduplicated by the server's
 * idempotent-append check (Kurrent docs, "Appending events › Idempotence").
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly deadlineMs: number;
  private readonly reconnect: ReconnectPolicy;
  private readonly readPageSize: number;
  private closing: Promise<void> | undefined;

  private constructor(private readonly client: EventStoreDBClient, options: EventStoreDbEventStoreOptions) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.reconnect = { initialDelayMs: options.reconnect?.initialDelayMs ?? 100, maxDelayMs: options.reconnect?.maxDelayMs ?? 5000 };
    this.readPageSize = options.readPageSize ?? 500;
  }

  /**
   * `esdb://host:2113?tls=false` for one insecure node; the client connects
   * lazily and reconnects by itself, so this does not wait for the server.
   */
  static async connect(connectionString: string, options: EventStoreDbEventStoreOptions = {}): Promise<EventStoreDbEventStore> {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const context: ErrorContext = { operation: `append to ${streamId}`, streamId, expected };
    this.ensureOpen(context);
    if (events.length === 0) return this.answerEmptyAppend(streamId, expected);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) => jsonEvent({ id: event.id, type: event.type, data: { ...event.data }, metadata: { ...event.metadata } })),
        { expectedRevision: toClientExpectedRevision(expected), deadline: this.deadlineMs },
      );
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      const position = hasRealPosition(result.position) ? result.position : await this.positionOfRevision(streamId, nextExpectedRevision);
      return { nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
    } catch (error) {
      throw toEventStoreError(error, context);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const context: ErrorContext = { operation: `read of ${streamId}`, streamId };
    this.ensureOpen(context);
    const read = () =>
      this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
    const resolved = await collectRead(this.deadlineMs, read, context);
    return resolved.flatMap((event) => toRecordedEvent(event) ?? []);
  }

  /**
   * Forwards through $all after `after`, exclusive. @eventstore/db-client
   * 6.2.1's readAll has no server-side filter (it always sends NoFilter), so
   * pages of $all are filtered here, paging on until maxCount events match.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const context: ErrorContext = { operation: 'read of $all' };
    this.ensureOpen(context);
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    const matching: RecordedEvent[] = [];
    let after = options.after;
    while (matching.length < wanted) {
      const from: ReadPosition = after ?? START;
      const page = await collectRead(this.deadlineMs, 
        () => this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: this.readPageSize }),
        context,
      );
      for (const resolved of page) {
        const event = resolved.event;
        // A read from a position includes the event at that position; `after` is exclusive.
        if (!event || !isAfter(event.position, after)) continue;
        after = event.position;
        if (!matchesPrefixes(event.streamId, options.streamPrefixes)) continue;
        const recorded = toRecordedEvent(resolved);
        if (recorded) matching.push(recorded);
        if (matching.length >= wanted) break;
      }
      if (page.length < this.readPageSize) break;
    }
    return matching;
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription {
    this.ensureOpen({ operation: 'subscription to $all' });
    const subscription = new EventStoreDbSubscription(
      this.client,
      handler,
      { after: options.after, streamPrefixes: options.streamPrefixes, headAtStart: () => this.headPosition(), reconnect: this.reconnect },
      callbacks,
    );
    this.subscriptions.add(subscription);
    void subscription.caughtUp.catch(() => undefined);
    return {
      caughtUp: subscription.caughtUp,
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  /** The newest event that is not a system event: $all read backwards, past the server's own `$` records. */
  async headPosition(): Promise<GlobalPosition | undefined> {
    const context: ErrorContext = { operation: 'read of the $all head' };
    this.ensureOpen(context);
    let from: ReadPosition = END;
    for (;;) {
      const page = await collectRead(this.deadlineMs, 
        () => this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: HEAD_PAGE_SIZE }),
        context,
      );
      const newest = page.find((resolved) => resolved.event && !isSystemRecord(resolved.event.streamId, resolved.event.type));
      if (newest?.event) return { commit: newest.event.position.commit, prepare: newest.event.position.prepare };
      const oldest = page.at(-1)?.event;
      if (page.length < HEAD_PAGE_SIZE || !oldest) return undefined;
      from = oldest.position;
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  private ensureOpen(context: ErrorContext): void {
    if (this.closing) throw new EventStoreUnavailableError(`EventStoreDB event store is closed (${context.operation})`);
  }

  /** EventStoreDB never sees an empty append; answer it from the stream's last event, as the SQLite store does. */
  private async answerEmptyAppend(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 }).catch((error: unknown) => {
      if (error instanceof Error && (error as { code?: string }).code === 'STREAM_NOT_FOUND') return [];
      throw error;
    });
    if (!isExpectedRevisionMet(expected, last?.revision)) throw new WrongExpectedRevisionError(streamId, expected, last?.revision ?? 'no_stream');
    return last ? { nextExpectedRevision: last.revision, position: last.position } : { nextExpectedRevision: -1, position: positionOf(0) };
  }

  /** Servers answer some appends (idempotent replays on older versions) without a position; look it up. */
  private async positionOfRevision(streamId: string, revision: number): Promise<GlobalPosition> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`event ${revision} of ${streamId} is missing right after it was appended`);
    return event.position;
  }
}
