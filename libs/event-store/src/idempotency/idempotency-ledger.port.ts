import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import type { GlobalPosition } from '../global-position.js';

import type { Refusal } from '@app/kernel';

export type { Refusal };

/**
 * The first outcome of a command id on a stream. `state` is the stream's
 * state right after it, as JSON text, so a retry answers exactly as the
 * first run did without folding anything.
 */
export type RecordedOutcome =
  | { readonly kind: 'appended'; readonly count: number; readonly revision: number; readonly position: GlobalPosition; readonly state: string }
  | { readonly kind: 'unchanged'; readonly revision: number | undefined; readonly position: GlobalPosition | undefined; readonly state: string }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export interface IdempotencyRecord {
  readonly streamId: string;
  readonly commandId: string;
  readonly outcome: RecordedOutcome;
  /** When the outcome was recorded, ms since the epoch, on the runner's clock. */
  readonly recordedAt: number;
}

/** Where a record goes and which older one it may replace. */
export interface RecordTiming {
  /** Stamped on the record. */
  readonly at: number;
  /** A record older than this is outside the window: it is replaced, and may be deleted. */
  readonly notBefore: number;
}

/**
 * Command id to first outcome, per stream, looked up without reading the
 * stream. Both writes keep the first record that stands inside the window:
 * a second writer of the same command id gets the first one back.
 */
export interface IdempotencyLedger {
  find(streamId: string, commandId: string): Promise<IdempotencyRecord | undefined>;
  /** Records an outcome that appended nothing (a no-op, a refusal); returns the record that stands. */
  remember(record: Omit<IdempotencyRecord, 'recordedAt'>, timing: RecordTiming): Promise<IdempotencyRecord>;
  /**
   * Appends the events and records the outcome the append result gives:
   * in one transaction where the store has them (SQLite), else the append
   * first and the record right after it (EventStoreDB; see the adapter).
   */
  appendRecorded(
    streamId: string, commandId: string, events: readonly NewEvent[], expected: ExpectedRevision,
    outcome: (result: AppendResult) => RecordedOutcome, timing: RecordTiming,
  ): Promise<AppendResult>;
}

/** The documented default window: a retry within 24 hours of the first request is answered from its record. */
export const DEFAULT_IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
