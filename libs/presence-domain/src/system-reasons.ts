import type { AgentStatus } from '@app/kernel';

/**
 * Reason codes only the system sets, built into every catalogue and never
 * editable: an admin must not be able to relabel or retire the reason an
 * audit shows for an automatic change.
 */
export const SYSTEM_REASONS = {
  'connection-lost': { label: 'Connection lost', status: 'away' },
  'missed-offer': { label: 'Missed offer', status: 'away' },
} as const satisfies Record<string, { readonly label: string; readonly status: AgentStatus }>;

export type SystemReasonCode = keyof typeof SYSTEM_REASONS;

export const SYSTEM_REASON_CODES = Object.keys(SYSTEM_REASONS) as readonly SystemReasonCode[];

export const isSystemReasonCode = (code: string): code is SystemReasonCode =>
  (SYSTEM_REASON_CODES as readonly string[]).includes(code);
