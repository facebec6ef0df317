export type RoutingErrorCode =
  | 'CONVERSATION_NOT_FOUND'
  | 'CONVERSATION_EXISTS'
  | 'CONVERSATION_ALREADY_ASSIGNED'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_NOT_ASSIGNED'
  | 'INVALID_TEAM_SETTINGS'
  /** The agent has no offer of this conversation to answer (never had, answered it, or it went to someone else). */
  | 'OFFER_NOT_PENDING'
  /** The offer's deadline passed: it can no longer be accepted or declined. */
  | 'OFFER_EXPIRED'
  /** The conversation is offered to an agent; it cannot be offered or assigned to another until that offer ends. */
  | 'OFFER_PENDING';

export class RoutingError extends Error {
  constructor(readonly code: RoutingErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'RoutingError';
  }
}
