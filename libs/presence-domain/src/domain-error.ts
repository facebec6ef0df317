/** Every rule violation has a code the HTTP edge maps to a status; no message matching. */
export type DomainErrorCode =
  | 'AGENT_NOT_FOUND'
  | 'INVALID_PROFILE'
  | 'OVERRIDE_REASON_REQUIRED'
  | 'SUPERVISOR_REQUIRED'
  | 'AGENT_NOT_AVAILABLE'
  | 'AGENT_NOT_IN_TEAM'
  | 'AGENT_AT_CAPACITY'
  // Status reasons (issue 12): all are 400s, except SYSTEM_REASON_READ_ONLY (403 or 409, the edge decides).
  | 'INVALID_STATUS_REASON'
  | 'SYSTEM_REASON_READ_ONLY'
  | 'REASON_CODE_UNKNOWN'
  | 'REASON_CODE_RETIRED'
  | 'REASON_CODE_WRONG_STATUS'
  | 'REASON_CODE_RESERVED';

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
