import {
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError as ClientStreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  EventStoreError,
  EventStoreTimeoutError,
  EventStoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../errors.js';
import type { ExpectedRevision } from '../event-store.port.js';

/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html) the client may leave unconverted. */
const DEADLINE_EXCEEDED = 4;
const UNAVAILABLE = 14;
const CANCELLED = 1;

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number'
    ? (error as { code: number }).code
    : undefined;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The server did not answer in time: the write may or may not have happened. */
export const isTimeout = (error: unknown): boolean =>
  error instanceof DeadlineExceededError || error instanceof TimeoutError || statusOf(error) === DEADLINE_EXCEEDED;

/**
 * The connection is gone or the node cannot serve: the client reconnects on
 * the next call (it drops its channel on UNAVAILABLE and CANCELLED), so
 * retrying later is the right move.
 */
export const isUnavailable = (error: unknown): boolean =>
  error instanceof UnavailableError ||
  error instanceof NotLeaderError ||
  statusOf(error) === UNAVAILABLE ||
  statusOf(error) === CANCELLED ||
  /ECONNREFUSED|ECONNRESET|EPIPE|write after end/.test(messageOf(error));

const actualRevisionOf = (actual: bigint | string): number | 'no_stream' =>
  typeof actual === 'bigint' ? Number(actual) : 'no_stream';

export interface ErrorContext {
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
  readonly operation: string;
}

/** Translates what @eventstore/db-client throws into the port's errors; unknown errors pass through. */
export const toEventStoreError = (error: unknown, context: ErrorContext): unknown => {
  if (error instanceof EventStoreError) return error;
  if (error instanceof WrongExpectedVersionError && context.streamId !== undefined && context.expected !== undefined)
    return new WrongExpectedRevisionError(context.streamId, context.expected, actualRevisionOf(error.actualVersion));
  if (error instanceof ClientStreamNotFoundError) return new StreamNotFoundError(context.streamId ?? error.streamName);
  if (isTimeout(error))
    return new EventStoreTimeoutError(`EventStoreDB did not answer ${context.operation} in time: ${messageOf(error)}`, error);
  if (isUnavailable(error))
    return new EventStoreUnavailableError(`EventStoreDB is unavailable for ${context.operation}: ${messageOf(error)}`, error);
  return error;
};
