import { RoutingError, type RoutingErrorCode } from './routing-error.js';

/** A refusal as a retried request gets it again: its code, message and field. */
export interface RememberedRoutingRefusal {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/** Every routing rule refuses on the conversation's state (missing, closed, taken): a retry of the same key gets the same answer. */
const ROUTING_CODES: Record<RoutingErrorCode, true> = {
  CONVERSATION_NOT_FOUND: true,
  CONVERSATION_EXISTS: true,
  CONVERSATION_ALREADY_ASSIGNED: true,
  CONVERSATION_CLOSED: true,
  CONVERSATION_NOT_ASSIGNED: true,
};

const isRoutingCode = (code: string): code is RoutingErrorCode => Object.hasOwn(ROUTING_CODES, code);

export const routingRefusals = {
  of: (error: unknown): RememberedRoutingRefusal | undefined =>
    error instanceof RoutingError
      ? { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }
      : undefined,
  toError: (refusal: RememberedRoutingRefusal): Error =>
    isRoutingCode(refusal.code) ? new RoutingError(refusal.code, refusal.message, refusal.field) : new Error(refusal.message),
};
