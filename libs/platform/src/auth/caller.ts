import type { Actor } from '@app/kernel';

/** Who is calling, as the verified token says. */
export const ROLES = ['agent', 'supervisor', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  /** The token's `sub`: an agent id, a supervisor id, an admin or a service name. */
  readonly id: string;
  readonly role: Role;
  /** Teams the caller belongs to (agents) or oversees (supervisors). */
  readonly teams: readonly string[];
  /** When the token stops being valid (ms since epoch); live feeds end then. */
  readonly expiresAt: number | undefined;
}

/** The caller as the events record it. */
export const actorOf = (caller: Caller): Actor => ({ kind: caller.role, id: caller.id });
