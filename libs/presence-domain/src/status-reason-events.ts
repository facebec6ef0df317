import type { AgentStatus, CommandOf, EventOf } from '@app/kernel';

/** The one stream that holds the admins' catalogue of status reasons. */
export const STATUS_REASONS_STREAM = 'status-reasons';

/** Bump when a status reason event changes shape; older versions are upcast on read. */
export const STATUS_REASON_EVENT_SCHEMA_VERSION = 1;

/** Creates the reason, or changes its label, class or retirement when it exists. */
export type PutStatusReason = CommandOf<'PutStatusReason', {
  readonly code: string;
  readonly label: string;
  readonly status: AgentStatus;
  /** Absent means false: a retired code stays in the history but can no longer be chosen. */
  readonly retired?: boolean;
}>;

export type StatusReasonCommand = PutStatusReason;

interface StatusReasonData {
  readonly code: string;
  readonly label: string;
  readonly status: AgentStatus;
  readonly retired: boolean;
}

export type StatusReasonDefined = EventOf<'StatusReasonDefined', StatusReasonData>;

export type StatusReasonChanged = EventOf<'StatusReasonChanged', StatusReasonData>;

export type StatusReasonEvent = StatusReasonDefined | StatusReasonChanged;

export const STATUS_REASON_EVENT_TYPES: readonly StatusReasonEvent['type'][] = ['StatusReasonDefined', 'StatusReasonChanged'];
