import { CodedError } from '@app/kernel';

/** Every rule violation of an agent's presence has a code the HTTP edge maps to a status; no message matching. */
export type DomainErrorCode =
  | 'AGENT_NOT_FOUND'
  | 'INVALID_PROFILE'
  | 'OVERRIDE_REASON_REQUIRED'
  | 'SUPERVISOR_REQUIRED'
  | 'AGENT_NOT_AVAILABLE'
  | 'AGENT_NOT_IN_TEAM'
  | 'AGENT_AT_CAPACITY';

export class DomainError extends CodedError<DomainErrorCode> {}
