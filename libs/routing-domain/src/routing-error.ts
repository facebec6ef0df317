import { CodedError, type ErrorKind } from '@app/kernel';

/** A missing conversation is not found; every other rule is a conflict with the conversation's current state. */
const KINDS = {
  CONVERSATION_NOT_FOUND: 'not-found',
  CONVERSATION_EXISTS: 'conflict',
  CONVERSATION_ALREADY_ASSIGNED: 'conflict',
  CONVERSATION_CLOSED: 'conflict',
  CONVERSATION_NOT_ASSIGNED: 'conflict',
} as const satisfies Record<string, ErrorKind>;

export type RoutingErrorCode = keyof typeof KINDS;

export const isRoutingErrorCode = (code: string): code is RoutingErrorCode => Object.hasOwn(KINDS, code);

/** A conversation rule violation, with a code the HTTP edge maps to a status. */
export class RoutingError extends CodedError<RoutingErrorCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }
}
