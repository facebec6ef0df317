import type { Refusal, RefusalCodec } from '@app/kernel';
import { DomainError, isDomainErrorCode } from './domain-error.js';

/**
 * What each rule violation is to a retried request. A refusal (not found, a
 * conflict with the agent's state: away, full, not in the team) is the first
 * answer for every retry of the same key, as payment APIs do. Invalid input
 * (kind 'invalid', a 400) says the request itself was malformed: the client
 * fixes it and may resend the key, so it is decided again.
 */
export const presenceRefusals: RefusalCodec = {
  of: (error: unknown): Refusal | undefined =>
    error instanceof DomainError && error.kind !== 'invalid'
      ? { code: error.code, kind: error.kind, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }
      : undefined,
  toError: (refusal: Refusal): Error =>
    isDomainErrorCode(refusal.code) ? new DomainError(refusal.code, refusal.message, refusal.field) : new Error(refusal.message),
};
