/** Every rule violation has a code the HTTP edge maps to a status; no message matching. */
export type DomainErrorCode =
  | 'AGENT_NOT_FOUND'
  | 'INVALID_PROFILE'
  | 'OVERRIDE_REASON_REQUIRED'
  | 'SUPERVISOR_REQUIRED'
  | 'AGENT_NOT_AVAILABLE'
  | 'AGENT_NOT_IN_TEAM'
  | 'AGENT_AT_CAPACITY'
  /** The agent holds no offer of the conversation to turn into an assignment. */
  | 'OFFER_NOT_RESERVED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field the error is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
