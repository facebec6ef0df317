import type { ExpectedRevision, RecordedEvent } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import type { IdempotencyLedger } from './idempotency/idempotency-ledger.port.js';
import type { SnapshotStore } from './stream-state/stream-snapshot.port.js';

export interface CommandOutcome<State, Event> {
  readonly state: State;
  /** The events the command caused: appended now, or earlier when `replayed`. */
  readonly events: readonly Event[];
  /** Events this call appended (0 for a no-op or a retried request). */
  readonly appended: number;
  /** Position of the last event that produced `state`, if any; read models wait for it. */
  readonly position: GlobalPosition | undefined;
  /** Stream revision of that event. */
  readonly revision: number | undefined;
  /** True when answered from the command id's first run (a retry): nothing appended, nothing decided. */
  readonly replayed: boolean;
}

export interface LoadedStream<State, Event> {
  readonly state: State;
  readonly events: readonly { readonly recorded: RecordedEvent; readonly event: Event }[];
  readonly expected: ExpectedRevision;
  /** The chain value the next appended event links to (hash-chain/hash-chain.ts): chainHeadAfter the stream's last stored event. */
  readonly chainHead: string;
}

export interface RunOptions {
  /**
   * Decide only against this revision of the stream: a conflict is thrown
   * (WrongExpectedRevisionError), not retried, because the caller acted on
   * what it saw at that revision (routing accepted an agent for it).
   */
  readonly expectedRevision?: number | 'no_stream';
  /**
   * What a retried command id is answered from, inside the window.
   * 'every-outcome' (default; an HTTP Idempotency-Key): appends, no-ops and
   * business refusals alike. 'appends-only': only events the id appended; a
   * no-op or a refusal is decided again (routing's own steps, whose ids name
   * a step that may succeed later, not one client request).
   */
  readonly idempotency?: 'every-outcome' | 'appends-only';
}

export interface CommandRunnerOptions {
  /** Default: the store's own (runnerStorageFor). */
  readonly ledger?: IdempotencyLedger;
  /** Default: the store's own; snapshots are taken only for deciders with a snapshotVersion. */
  readonly snapshots?: SnapshotStore;
  /** Streams whose state stays in memory; 0 turns the cache off. Default 10,000. */
  readonly cacheCapacity?: number;
  /** Events between snapshots of a stream. Default 100. */
  readonly snapshotEvery?: number;
  /** How long a command id's first outcome answers its retries. Default 24 h. */
  readonly idempotencyWindowMs?: number;
  /** ms since the epoch; stamps idempotency records. */
  readonly clock?: () => number;
}
