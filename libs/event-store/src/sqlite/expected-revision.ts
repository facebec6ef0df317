import type { ExpectedRevision } from '../event-store.port.js';

/** Whether a stream whose last revision is `current` (undefined: no stream) meets `expected`. */
export const isExpectedRevisionMet = (expected: ExpectedRevision, current: number | undefined): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
};

/**
 * Whether re-sending a batch whose first event was stored at `firstRevision`
 * is the same request as the one that stored it, so that the store can answer
 * with the original result (EventStoreDB's idempotent write).
 */
export const isSameRequestAsStored = (expected: ExpectedRevision, firstRevision: number): boolean => {
  switch (expected) {
    case 'any':
    case 'stream_exists':
      return true;
    case 'no_stream':
      return firstRevision === 0;
    default:
      return expected === firstRevision - 1;
  }
};
