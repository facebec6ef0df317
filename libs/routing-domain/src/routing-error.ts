import { CodedError } from '@app/kernel';

export type RoutingErrorCode =
  | 'CONVERSATION_NOT_FOUND'
  | 'CONVERSATION_EXISTS'
  | 'CONVERSATION_ALREADY_ASSIGNED'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_NOT_ASSIGNED';

/** A conversation rule violation, with a code the HTTP edge maps to a status. */
export class RoutingError extends CodedError<RoutingErrorCode> {}
