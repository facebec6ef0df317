/**
 * The event store port: the only way the apps touch persisted events.
 * Adapters (SQLite, EventStoreDB) implement it and pass one contract suite
 * (test/support/event-store-contract.ts, run per adapter by test/*.contract.spec.ts).
 */
import type { GlobalPosition } from './global-position.js';

export type JsonObject = { readonly [key: string]: unknown };

/** What a caller hands to `append`. `id` must be a UUID; it makes appends idempotent. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** An event as stored: its stream, its place in the stream and in the global order. */
export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  /** 0-based, contiguous within the stream. */
  readonly revision: number;
  /** Place in the store's global order; ordered but not contiguous. */
  readonly position: GlobalPosition;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** When the store wrote it (the store's clock, not the domain's). */
  readonly recordedAt: Date;
}

/**
 * - `any`: append whatever the stream's state.
 * - `no_stream`: the stream must not exist yet.
 * - `stream_exists`: the stream must have at least one event.
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event of this append. */
  readonly position: GlobalPosition;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: ReadDirection;
  /** Inclusive; default: the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive; default: before the first event. */
  readonly after?: GlobalPosition;
  readonly maxCount?: number;
  /** Only events of streams whose id starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive start; default: the beginning of the log. */
  readonly after?: GlobalPosition;
  readonly streamPrefixes?: readonly string[];
}

/**
 * Called once per event, strictly in global order; the next call waits for
 * the promise. A handler that throws stops the subscription (see `onError`).
 */
export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

export interface Subscription {
  /** Resolves when the handler is no longer called. */
  stop(): Promise<void>;
  /** Resolves when the subscription has delivered everything in the log at subscribe time. */
  readonly caughtUp: Promise<void>;
}

export interface SubscriptionCallbacks {
  /**
   * The subscription ended because of an error it could not recover from.
   * Required: the caller logs it through its own logger and decides whether
   * to restart (see the platform's CheckpointedSubscriber); adapters never print.
   */
  readonly onError: (error: Error) => void;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up from `after`, then live; reconnects by itself where the adapter can. */
  subscribeToAll(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription;
  /** The position of the newest event in the log, or undefined when it is empty. */
  headPosition(): Promise<GlobalPosition | undefined>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
