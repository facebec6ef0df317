/** Builders and given/when/then for the report specs: times are minutes after T0, so cuts read plainly. */
import { expect } from '@jest/globals';
import type { Actor, AgentStatus } from '@app/kernel';
import type { SystemReasonCode } from '../system-reasons.js';
import { PRESENCE_EVENT_SCHEMA_VERSION, type ConversationReleaseReason, type PresenceEvent } from '../presence-events.js';
import { TimeInStatusProjection } from './time-in-status-projection.js';
import { timeInStatusByReplay } from './time-in-status-replay.js';
import type { OfferOutcome, TimeInStatusFact, TimeInStatusQuery, TimeInStatusRow } from './time-in-status-row.js';

export const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
export const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

const meta = (actor: Actor, minutes: number) => ({
  schemaVersion: PRESENCE_EVENT_SCHEMA_VERSION, occurredAt: at(minutes).toISOString(), actor, causationId: 'cmd', correlationId: 'corr',
});
const admin: Actor = { kind: 'admin', id: 'admin-1' };
const routing: Actor = { kind: 'service', id: 'routing' };

export const registeredAt = (agentId: string, minutes: number, teams = ['sales'], displayName = `Agent ${agentId}`): PresenceEvent => ({
  type: 'AgentRegistered', data: { agentId, displayName, teams, maxConcurrentConversations: 3 }, metadata: meta(admin, minutes),
});

export const profileChangedAt = (agentId: string, minutes: number, teams: string[], displayName = `Agent ${agentId}`): PresenceEvent => ({
  type: 'AgentProfileChanged', data: { agentId, displayName, teams, maxConcurrentConversations: 3 }, metadata: meta(admin, minutes),
});

/** A status the agent set; no `reasonCode` field at all reads like a schema 1 event. */
export const wentAt = (agentId: string, minutes: number, from: AgentStatus, to: AgentStatus, reasonCode?: string, reason: string | null = null): PresenceEvent => ({
  type: 'AgentStatusChanged', data: { agentId, from, to, reason, ...(reasonCode === undefined ? {} : { reasonCode }) },
  metadata: meta({ kind: 'agent', id: agentId }, minutes),
} as PresenceEvent);

export const overriddenAt = (agentId: string, minutes: number, from: AgentStatus, to: AgentStatus, reasonCode?: string): PresenceEvent => ({
  type: 'AgentStatusOverridden', data: { agentId, from, to, reason: 'cover', supervisorId: 'sup-1', ...(reasonCode === undefined ? {} : { reasonCode }) },
  metadata: meta({ kind: 'supervisor', id: 'sup-1' }, minutes),
} as PresenceEvent);

/** A status the system set (a lost connection, a missed offer). */
export const systemSetAt = (agentId: string, minutes: number, from: AgentStatus, to: AgentStatus, reasonCode: SystemReasonCode = 'connection-lost'): PresenceEvent => ({
  type: 'AgentStatusSetBySystem', data: { agentId, from, to, reasonCode }, metadata: meta({ kind: 'system', id: 'presence' }, minutes),
});

export const assignedAt = (agentId: string, minutes: number, conversationId: string): PresenceEvent => ({
  type: 'AgentConversationAssigned', data: { agentId, conversationId, team: 'sales' }, metadata: meta(routing, minutes),
});

export const releasedAt = (agentId: string, minutes: number, conversationId: string, reason: ConversationReleaseReason = 'closed'): PresenceEvent => ({
  type: 'AgentConversationReleased', data: { agentId, conversationId, reason }, metadata: meta(routing, minutes),
});

/** The agent's side of an offer as routing appends it (issue 11): reserved, then accepted or released with an outcome. */
export const offerEventAt = (
  agentId: string, minutes: number, conversationId: string, ending: 'reserved' | 'accepted' | 'missed' | 'declined' | 'rescinded',
): PresenceEvent => {
  const metadata = meta(routing, minutes);
  if (ending === 'reserved') return { type: 'AgentOfferReserved', data: { agentId, conversationId, team: 'sales' }, metadata };
  if (ending === 'accepted') return { type: 'AgentOfferAccepted', data: { agentId, conversationId, team: 'sales' }, metadata };
  return { type: 'AgentOfferReleased', data: { agentId, conversationId, outcome: ending }, metadata };
};

export const offerAt = (agentId: string, minutes: number, outcome: 'missed' | 'declined'): OfferOutcome => ({
  type: 'OfferOutcome', data: { agentId, outcome }, metadata: { occurredAt: at(minutes).toISOString() },
});

export const projected = (facts: readonly TimeInStatusFact[]): TimeInStatusProjection => {
  const projection = new TimeInStatusProjection();
  for (const fact of facts) projection.apply(fact);
  return projection;
};

/** In minutes after T0; `now` defaults to long after the range. */
export const range = (from: number, to: number, now = to + 24 * 60, filters: Pick<TimeInStatusQuery, 'team' | 'agentId'> = {}): TimeInStatusQuery =>
  ({ from: at(from), to: at(to), now: at(now), ...filters });

/**
 * given(log).whenReported(range).then(rows => ...): the projection answers,
 * and every example also checks that the reference replay answers the same.
 */
export const given = (facts: readonly TimeInStatusFact[]) => ({
  whenReported: (query: TimeInStatusQuery) => ({
    then: (check: (rows: TimeInStatusRow[]) => void): void => {
      const rows = projected(facts).report(query);
      expect(rows).toEqual(timeInStatusByReplay(facts, query));
      check(rows);
    },
  }),
});
