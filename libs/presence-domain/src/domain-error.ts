import { CodedError, type ErrorKind } from '@app/kernel';

const KINDS = {
  AGENT_NOT_FOUND: 'not-found',
  INVALID_PROFILE: 'invalid',
  OVERRIDE_REASON_REQUIRED: 'invalid',
  SUPERVISOR_REQUIRED: 'invalid',
  AGENT_NOT_AVAILABLE: 'conflict',
  AGENT_NOT_IN_TEAM: 'conflict',
  AGENT_AT_CAPACITY: 'conflict',
  // Offers (issue 11): the agent holds no offer of the conversation to turn into an assignment.
  OFFER_NOT_RESERVED: 'conflict',
  // Status reasons (issue 12): a bad catalogue entry or reasonCode is a 400 naming the field; the system reasons are built in.
  INVALID_STATUS_REASON: 'invalid',
  SYSTEM_REASON_READ_ONLY: 'conflict',
  REASON_CODE_UNKNOWN: 'invalid',
  REASON_CODE_RETIRED: 'invalid',
  REASON_CODE_WRONG_STATUS: 'invalid',
  REASON_CODE_RESERVED: 'invalid',
} as const satisfies Record<string, ErrorKind>;

/** Every rule violation of an agent's presence has a code the HTTP edge maps to a status; no message matching. */
export type DomainErrorCode = keyof typeof KINDS;

export const isDomainErrorCode = (code: string): code is DomainErrorCode => Object.hasOwn(KINDS, code);

export class DomainError extends CodedError<DomainErrorCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }
}
