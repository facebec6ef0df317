import { DomainError, type DomainErrorCode } from './domain-error.js';

/** A refusal as a retried request gets it again: its code, message and field. */
export interface RememberedRefusal {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/**
 * What each rule violation is to a retried request. A refusal depends on the
 * agent's state (not registered, away, full): the first answer stands for
 * every retry of the same key, as payment APIs do. Invalid input says the
 * request itself was malformed: the client fixes it and may resend the key.
 */
const KIND_OF: Record<DomainErrorCode, 'refusal' | 'invalid-input'> = {
  AGENT_NOT_FOUND: 'refusal',
  AGENT_NOT_AVAILABLE: 'refusal',
  AGENT_NOT_IN_TEAM: 'refusal',
  AGENT_AT_CAPACITY: 'refusal',
  INVALID_PROFILE: 'invalid-input',
  OVERRIDE_REASON_REQUIRED: 'invalid-input',
  SUPERVISOR_REQUIRED: 'invalid-input',
};

const isRefusalCode = (code: string): code is DomainErrorCode => Object.hasOwn(KIND_OF, code) && KIND_OF[code as DomainErrorCode] === 'refusal';

export const presenceRefusals = {
  of: (error: unknown): RememberedRefusal | undefined =>
    error instanceof DomainError && KIND_OF[error.code] === 'refusal'
      ? { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }
      : undefined,
  toError: (refusal: RememberedRefusal): Error =>
    isRefusalCode(refusal.code) ? new DomainError(refusal.code, refusal.message, refusal.field) : new Error(refusal.message),
};
