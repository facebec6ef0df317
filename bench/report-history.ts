import type { AgentStatus } from '@app/kernel';
import type { PresenceEvent } from '@app/presence-domain';
import { randomFrom } from './replay-log.js';

/**
 * A month of a contact centre's working days, written straight into a
 * consumer (never held in memory: 10,000 agents x 30 days is millions of
 * events). Each agent logs in around 08:00, takes a coded lunch and an
 * uncoded break, handles conversations one or two at a time, and logs off
 * around 17:00; a supervisor overrides now and then. Deterministic.
 */
export const START = Date.UTC(2026, 0, 5, 0, 0, 0);
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export const reportAgentId = (index: number): string => `a${index}`;
export const reportTeamOf = (index: number): string => `team-${index % 50}`;

export interface ReportHistory {
  readonly events: number;
  readonly from: Date;
  readonly to: Date;
}

const meta = (at: number, actor: { kind: 'agent' | 'admin' | 'service' | 'supervisor'; id: string }) => ({
  schemaVersion: 1, occurredAt: new Date(at).toISOString(), actor, causationId: 'bench', correlationId: 'bench',
});

/** One agent's working day, in time order. */
const workingDay = (agent: number, dayStart: number, random: () => number, emit: (event: PresenceEvent) => void): void => {
  const agentId = reportAgentId(agent);
  const self = { kind: 'agent' as const, id: agentId };
  const routing = { kind: 'service' as const, id: 'routing' };
  let status: AgentStatus = 'offline';
  const go = (at: number, to: AgentStatus, reasonCode?: string) => {
    const data = { agentId, from: status, to, reason: reasonCode ? null : 'bench', ...(reasonCode ? { reasonCode } : {}) };
    emit((random() < 0.03
      ? { type: 'AgentStatusOverridden', data: { ...data, reason: 'cover', supervisorId: 'sup-1' }, metadata: meta(at, { kind: 'supervisor', id: 'sup-1' }) }
      : { type: 'AgentStatusChanged', data, metadata: meta(at, self) }) as PresenceEvent);
    status = to;
  };
  let at = dayStart + 8 * 60 * MINUTE_MS + Math.floor(random() * 30 * MINUTE_MS);
  go(at, 'online');
  const lunchAt = dayStart + 12 * 60 * MINUTE_MS;
  const breakAt = dayStart + 15 * 60 * MINUTE_MS;
  const endAt = dayStart + 17 * 60 * MINUTE_MS;
  let conversation = 0;
  let tookLunch = false;
  let tookBreak = false;
  while (at < endAt) {
    if (!tookLunch && at >= lunchAt) { tookLunch = true; go(at, 'away', 'lunch'); at += 45 * MINUTE_MS; go(at, 'online'); continue; }
    if (!tookBreak && at >= breakAt) { tookBreak = true; go(at, 'away'); at += 15 * MINUTE_MS; go(at, 'online'); continue; }
    const conversationId = `${agentId}-${dayStart / DAY_MS}-${conversation++}`;
    emit({ type: 'AgentConversationAssigned', data: { agentId, conversationId, team: reportTeamOf(agent) }, metadata: meta(at, routing) });
    at += (10 + Math.floor(random() * 30)) * MINUTE_MS;
    emit({ type: 'AgentConversationReleased', data: { agentId, conversationId, reason: random() < 0.9 ? 'closed' : 'transferred' }, metadata: meta(at, routing) });
    at += Math.floor(random() * 20) * MINUTE_MS;
  }
  go(Math.max(at, endAt), 'offline');
};

/** Feeds `consume` the whole history: registrations first, then day by day, agent by agent. */
export const generateReportHistory = (agents: number, days: number, consume: (event: PresenceEvent) => void): ReportHistory => {
  const random = randomFrom(7);
  let events = 0;
  const emit = (event: PresenceEvent) => { events++; consume(event); };
  for (let agent = 0; agent < agents; agent++) {
    emit({
      type: 'AgentRegistered', data: { agentId: reportAgentId(agent), displayName: `Agent ${agent}`, teams: [reportTeamOf(agent)], maxConcurrentConversations: 2 },
      metadata: meta(START, { kind: 'admin', id: 'bench' }),
    });
  }
  for (let day = 0; day < days; day++) {
    for (let agent = 0; agent < agents; agent++) workingDay(agent, START + day * DAY_MS, random, emit);
  }
  return { events, from: new Date(START), to: new Date(START + days * DAY_MS) };
};
