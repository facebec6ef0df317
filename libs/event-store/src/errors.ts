import type { ExpectedRevision } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';

/** Base of every error an event store adapter throws on purpose. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** The store cannot take writes or answer now (down, disk full, read-only). Retry later. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

/** The store did not answer within the deadline; the append may or may not have happened. */
export class EventStoreTimeoutError extends EventStoreError {
  readonly code = 'EVENT_STORE_TIMEOUT';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

/** An event id that is already stored with different content or in another place. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string, readonly streamId: string) {
    super(`event ${eventId} already stored elsewhere than stream ${streamId}'s expected position`);
  }
}

/**
 * A stored event whose text no longer parses (the file was edited or damaged).
 * Says where it is, so a reader can report it and read on after it.
 */
export class UnreadableStoredEventError extends EventStoreError {
  readonly code = 'UNREADABLE_STORED_EVENT';
  constructor(readonly streamId: string, readonly revision: number, readonly position: GlobalPosition, readonly detail: string) {
    super(`the stored event ${streamId}@${revision} cannot be read: ${detail}`);
  }
}
