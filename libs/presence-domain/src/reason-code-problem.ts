import type { AgentStatus } from '@app/kernel';
import { DomainError, type DomainErrorCode } from './domain-error.js';
import type { StatusReason, StatusReasonCatalogue } from './status-reason-catalogue.js';

export interface ReasonCodeProblem {
  readonly code: Extract<DomainErrorCode, `REASON_CODE_${string}`>;
  readonly field: 'reasonCode';
  readonly message: string;
}

const problem = (code: ReasonCodeProblem['code'], message: string): ReasonCodeProblem => ({ code, field: 'reasonCode', message });

/**
 * Why a person may not give this reason code for this status, or undefined
 * when they may: the code must exist, not be retired, belong to the status's
 * class, and not be one the system reserves for itself. The caller (the
 * status and override handlers) checks it against the catalogue it loaded,
 * then sends the command; a problem is a 400 naming `reasonCode`.
 */
export const reasonCodeProblem = (catalogue: StatusReasonCatalogue, code: string, status: AgentStatus): ReasonCodeProblem | undefined => {
  const reason = catalogue.reasons.get(code);
  if (reason === undefined) return problem('REASON_CODE_UNKNOWN', `reasonCode ${code} is not in the catalogue`);
  if (reason.system) return problem('REASON_CODE_RESERVED', `reasonCode ${code} is set by the system only`);
  if (reason.retired) return problem('REASON_CODE_RETIRED', `reasonCode ${code} is retired`);
  if (reason.status !== status) return problem('REASON_CODE_WRONG_STATUS', `reasonCode ${code} is for ${reason.status}, not ${status}`);
  return undefined;
};

/** The catalogue entry for a code a person may give, or the problem as a DomainError (what handlers throw). */
export const acceptableReason = (catalogue: StatusReasonCatalogue, code: string, status: AgentStatus): StatusReason => {
  const found = reasonCodeProblem(catalogue, code, status);
  if (found !== undefined) throw new DomainError(found.code, found.message, found.field);
  return catalogue.reasons.get(code) as StatusReason;
};

/** The label to show for a code, also for codes since retired or changed; null when there is no code. */
export const reasonLabelOf = (catalogue: StatusReasonCatalogue, code: string | null): string | null =>
  code === null ? null : catalogue.reasons.get(code)?.label ?? code;
