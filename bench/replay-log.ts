import { SqliteEventStore, type NewEvent } from '@app/event-store';
import { type AgentStatus } from '@app/kernel';
import { agentStreamId } from '@app/presence-domain';

export interface ReplayLog {
  readonly agents: number;
  readonly events: number;
  /** occurredAt of the first and last event; events are 100 ms apart in log order. */
  readonly firstAt: Date;
  readonly lastAt: Date;
}

const START = Date.UTC(2025, 0, 6, 8, 0, 0);
const STEP_MS = 100;
const STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];
const REASONS = [null, 'lunch', 'training', null, 'break'];

export const agentIdOf = (index: number): string => `a${index}`;

/** Deterministic pseudo-random numbers (mulberry32), so every run writes the same log. */
export const randomFrom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * Time-ordered UUIDs (version 7 layout): valid event ids whose index inserts
 * land at the end of the B-tree, so generating the log stays fast. The
 * benchmarks read by position and stream, never by event id.
 */
export const orderedUuid = (sequence: number): string => {
  const hex = sequence.toString(16).padStart(18, '0');
  return `01890000-0000-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(6, 18)}`;
};

/**
 * Writes `agents` agents' logs into a fresh SQLite store: each agent is
 * registered, then changes status (one in ten by a supervisor override) until
 * it has `eventsPerAgent` events. Appends go in batches of `batch` events per
 * stream, agents interleaved round by round, as a busy floor would look.
 * synchronous=NORMAL: generation is setup, not measured.
 */
export const generateReplayLog = async (path: string, agents: number, eventsPerAgent: number, batch = 50): Promise<ReplayLog> => {
  const store = new SqliteEventStore(path, { synchronous: 'NORMAL' });
  const random = randomFrom(42);
  const statuses: AgentStatus[] = Array.from({ length: agents }, () => 'offline');
  let sequence = 0;
  const nextMetadata = (actor: { kind: string; id: string }) => {
    const causationId = orderedUuid(sequence + 1_000_000_000);
    return { schemaVersion: 1, occurredAt: new Date(START + sequence * STEP_MS).toISOString(), actor, causationId, correlationId: causationId };
  };
  const statusEvent = (agent: number): NewEvent => {
    const agentId = agentIdOf(agent);
    const from = statuses[agent];
    const choices = STATUSES.filter((status) => status !== from);
    const to = choices[Math.floor(random() * choices.length)];
    statuses[agent] = to;
    const reason = REASONS[Math.floor(random() * REASONS.length)];
    if (random() < 0.1) {
      const supervisorId = `supervisor-${agent % 37}`;
      return { id: orderedUuid(sequence), type: 'AgentStatusOverridden', data: { agentId, from, to, reason: reason ?? 'coverage', supervisorId }, metadata: nextMetadata({ kind: 'supervisor', id: supervisorId }) };
    }
    return { id: orderedUuid(sequence), type: 'AgentStatusChanged', data: { agentId, from, to, reason }, metadata: nextMetadata({ kind: 'agent', id: agentId }) };
  };
  const registration = (agent: number): NewEvent => {
    const agentId = agentIdOf(agent);
    const teams = [`team-${agent % 50}`, ...(agent % 4 === 0 ? [`team-${(agent + 1) % 50}`] : [])].sort();
    return {
      id: orderedUuid(sequence), type: 'AgentRegistered',
      data: { agentId, displayName: `Agent ${agent}`, teams, maxConcurrentConversations: 3 },
      metadata: nextMetadata({ kind: 'admin', id: 'bench' }),
    };
  };
  try {
    const revisions = new Array<number>(agents).fill(-1);
    for (let written = 0; written < eventsPerAgent; written += batch) {
      for (let agent = 0; agent < agents; agent++) {
        const events: NewEvent[] = [];
        for (let k = written; k < Math.min(eventsPerAgent, written + batch); k++) {
          events.push(k === 0 ? registration(agent) : statusEvent(agent));
          sequence++;
        }
        const expected = revisions[agent] < 0 ? 'no_stream' : revisions[agent];
        revisions[agent] = (await store.append(agentStreamId(agentIdOf(agent)), events, expected)).nextExpectedRevision;
      }
    }
  } finally {
    await store.close();
  }
  return { agents, events: sequence, firstAt: new Date(START), lastAt: new Date(START + (sequence - 1) * STEP_MS) };
};
