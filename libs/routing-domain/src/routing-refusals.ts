import type { Refusal, RefusalCodec } from '@app/kernel';
import { RoutingError, isRoutingErrorCode } from './routing-error.js';

/**
 * Every routing rule refuses on the conversation's state (missing, closed,
 * taken): a retry of the same key gets the same answer.
 */
export const routingRefusals: RefusalCodec = {
  of: (error: unknown): Refusal | undefined =>
    error instanceof RoutingError && error.kind !== 'invalid'
      ? { code: error.code, kind: error.kind, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }
      : undefined,
  toError: (refusal: Refusal): Error =>
    isRoutingErrorCode(refusal.code) ? new RoutingError(refusal.code, refusal.message, refusal.field) : new Error(refusal.message),
};
