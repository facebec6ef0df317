export type RoutingErrorCode =
  | 'CONVERSATION_NOT_FOUND'
  | 'CONVERSATION_EXISTS'
  | 'CONVERSATION_ALREADY_ASSIGNED'
  | 'CONVERSATION_CLOSED'
  | 'CONVERSATION_NOT_ASSIGNED';

export class RoutingError extends Error {
  constructor(readonly code: RoutingErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'RoutingError';
  }
}
