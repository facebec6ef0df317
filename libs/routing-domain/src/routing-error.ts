import { CodedError, type ErrorKind } from '@app/kernel';

/**
 * A missing conversation is not found, bad team settings are invalid input;
 * every other rule is a conflict with the conversation's current state.
 */
const KINDS = {
  CONVERSATION_NOT_FOUND: 'not-found',
  CONVERSATION_EXISTS: 'conflict',
  CONVERSATION_ALREADY_ASSIGNED: 'conflict',
  CONVERSATION_CLOSED: 'conflict',
  CONVERSATION_NOT_ASSIGNED: 'conflict',
  INVALID_TEAM_SETTINGS: 'invalid',
  /** The agent has no offer of this conversation to answer (never had, answered it, or it went to someone else). */
  OFFER_NOT_PENDING: 'conflict',
  /** The offer's deadline passed: it can no longer be accepted or declined. */
  OFFER_EXPIRED: 'conflict',
  /** The conversation is offered to an agent; it cannot be offered or assigned to another until that offer ends. */
  OFFER_PENDING: 'conflict',
} as const satisfies Record<string, ErrorKind>;

export type RoutingErrorCode = keyof typeof KINDS;

export const isRoutingErrorCode = (code: string): code is RoutingErrorCode => Object.hasOwn(KINDS, code);

/** A conversation or team routing rule violation, with a code the HTTP edge maps to a status. */
export class RoutingError extends CodedError<RoutingErrorCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }
}
