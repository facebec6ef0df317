import { CHAIN_GENESIS, DEFAULT_CACHE_CAPACITY, StreamStateCache, positionOf, type StreamHead } from '@app/event-store';
import { evolve, initialPresence, type AgentPresence, type PresenceEvent } from '@app/presence-domain';
import { figure, type Figure } from './figure.js';
import { QUICK } from './scale.js';

const collect = global.gc ?? (() => { throw new Error('run with --expose-gc'); });

const metadata = (id: string) => ({ schemaVersion: 1, occurredAt: '2026-11-25T09:00:00.000Z', actor: { kind: 'agent' as const, id }, causationId: id, correlationId: id });

/** A typical busy agent: two teams, online, two open conversations. */
const agentState = (index: number): AgentPresence => {
  const agentId = `agent-${index}`;
  const events: PresenceEvent[] = [
    { type: 'AgentRegistered', data: { agentId, displayName: `Agent ${index}`, teams: [`team-${index % 50}`, `team-${(index + 1) % 50}`], maxConcurrentConversations: 3 }, metadata: metadata(agentId) },
    { type: 'AgentStatusChanged', data: { agentId, from: 'offline', to: 'online', reason: 'shift start', reasonCode: null }, metadata: metadata(agentId) },
    { type: 'AgentConversationAssigned', data: { agentId, conversationId: `conv-${index}-1`, team: `team-${index % 50}` }, metadata: metadata(agentId) },
    { type: 'AgentConversationAssigned', data: { agentId, conversationId: `conv-${index}-2`, team: `team-${index % 50}` }, metadata: metadata(agentId) },
  ];
  return events.reduce(evolve, initialPresence());
};

const filledCache = (agents: number): StreamStateCache<AgentPresence> => {
  const cache = new StreamStateCache<AgentPresence>(agents);
  for (let i = 0; i < agents; i++) {
    const head: StreamHead<AgentPresence> = {
      state: agentState(i), revision: 1000 + i, position: positionOf(1_000_000 + i), eventId: crypto.randomUUID(), chainHead: CHAIN_GENESIS, snapshotRevision: 1000,
    };
    cache.offer(`agent-${i}`, head);
  }
  return cache;
};

/** Heap still in use after building what `build` returns; the result is dropped before the next measurement. */
const retainedBytes = (build: () => unknown): number => {
  collect(); collect();
  const before = process.memoryUsage().heapUsed;
  let kept: unknown = build();
  collect(); collect();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('nothing was kept');
  kept = undefined;
  return after - before;
};

/** Heap kept by a full cache of agent heads (states decoded as the runner keeps them), per agent and at the default bound. */
export const cacheMemory = (): Figure[] => {
  const agents = QUICK ? 2_000 : DEFAULT_CACHE_CAPACITY;
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) runs.push(retainedBytes(() => filledCache(agents)) / agents);
  return [
    figure({ benchmark: 'memory: runner state cache, per cached agent', unit: 'B/agent', runs, details: { agents, state: 'online, 2 teams, 2 open conversations' } }),
    figure({ benchmark: 'memory: runner state cache at its default bound', unit: 'MB', runs: runs.map((bytes) => (bytes * DEFAULT_CACHE_CAPACITY) / 1e6), details: { boundAgents: DEFAULT_CACHE_CAPACITY } }),
  ];
};
