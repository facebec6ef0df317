import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent, type RecordedEvent } from '@app/event-store';
import { evolve, initialPresence, type PresenceEvent } from '@app/presence-domain';
import type { AgentView } from '../apps/presence/src/agents/agent-views.js';
import { SessionFeed } from '../apps/presence/src/agents/hold-session/session-feed.js';
import { SessionHub } from '../apps/presence/src/agents/hold-session/session-hub.js';
import { figure, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';

const GROUP = 'agent-sessions';
const SESSIONS = QUICK ? 100 : 1000;
const CHANGES = QUICK ? 500 : 2000;
const CHANGED_AGENTS = 10;

const metadata = { occurredAt: '2026-11-25T09:00:00.000Z', actor: { kind: 'agent', id: 'bench' }, causationId: 'bench', correlationId: 'bench', schemaVersion: 2 };
const registered = (agentId: string): NewEvent => ({
  id: randomUUID(), type: 'AgentRegistered', data: { agentId, displayName: agentId, teams: ['sales'], maxConcurrentConversations: 2 }, metadata,
});
const changed = (agentId: string, n: number): NewEvent => ({
  id: randomUUID(), type: 'AgentStatusChanged', metadata,
  data: { agentId, from: n % 2 === 0 ? 'offline' : 'online', to: n % 2 === 0 ? 'online' : 'offline', reason: null, reasonCode: null },
});
const viewOf = (agent: object) => ({ ...agent, reasonCode: null, reasonLabel: null }) as AgentView;

/** Each delivery is known by `<agent>:<revision>`, the same whichever way it came. */
type Follow = (store: SqliteEventStore, agentId: string, onEvent: (key: string) => void) => Promise<() => Promise<void>>;

/** What sessions did before: one store subscription each, filtered to the agent's stream. */
const subscriptionEach: Follow = async (store, agentId, onEvent) => {
  const subscription = store.subscribeToAll((recorded: RecordedEvent) => onEvent(`${agentId}:${recorded.revision}`),
    { after: await store.headPosition(), streamPrefixes: [`agent-${agentId}`] }, { onError: (error) => { throw error; } });
  return () => subscription.stop();
};

/** What they do now: one hub per process, each session a follower of its agent. */
const throughHub = (hub: SessionHub): Follow => async (_store, agentId, onEvent) => {
  const state = evolve(initialPresence(), registered(agentId) as unknown as PresenceEvent);
  const feed = new SessionFeed(agentId, state, [], viewOf);
  const stop = await hub.follow(agentId, feed, hub.head, (message) => onEvent(`${agentId}:${(message.data as AgentView).revision}`));
  return async () => stop();
};

/**
 * Status changes per second, each appended and then delivered to the session
 * of the agent it changed, one after the other, with SESSIONS sessions open
 * (CHANGED_AGENTS of them see changes, the rest idle) on the embedded store.
 */
const changesPerSecond = async (kind: 'hub' | 'subscription each'): Promise<number> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sessions-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { synchronous: 'NORMAL' });
  const hub = new SessionHub(store, []);
  const stops: (() => Promise<void>)[] = [];
  try {
    const agents = Array.from({ length: SESSIONS }, (_, i) => `a${i}`);
    for (const agent of agents) await store.append(`agent-${agent}`, [registered(agent)], 'no_stream');
    await hub.onApplicationBootstrap();
    const follow = kind === 'hub' ? throughHub(hub) : subscriptionEach;
    const waiting = new Map<string, () => void>();
    const revisions = new Map<string, number>(agents.map((agent) => [agent, 0]));
    for (const agent of agents) stops.push(await follow(store, agent, (key) => waiting.get(key)?.()));
    const started = performance.now();
    for (let n = 0; n < CHANGES; n++) {
      const agent = agents[n % CHANGED_AGENTS];
      const revision = revisions.get(agent)! + 1;
      revisions.set(agent, revision);
      const arrived = new Promise<void>((resolve) => waiting.set(`${agent}:${revision}`, resolve));
      await store.append(`agent-${agent}`, [changed(agent, n)], revision - 1);
      await arrived;
      waiting.clear();
    }
    return CHANGES / ((performance.now() - started) / 1000);
  } finally {
    for (const stop of stops) await stop();
    await hub.beforeApplicationShutdown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await runGroup(GROUP, async (): Promise<Figure[]> => {
  const runs = { hub: [] as number[], each: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    runs.hub.push(await changesPerSecond('hub'));
    runs.each.push(await changesPerSecond('subscription each'));
    progress(GROUP, `run ${run + 1}: ${Math.round(runs.hub[run])} changes/s through the hub, ${Math.round(runs.each[run])} with a subscription per session`);
  }
  return [figure({
    benchmark: `status change appended and delivered to its agent's session, ${SESSIONS} sessions open (SQLite)`, unit: 'changes/s', runs: runs.hub,
    baseline: { name: 'a store subscription per session (the first design)', runs: runs.each },
    details: { changes: CHANGES, changedAgents: CHANGED_AGENTS, sequential: true },
  })];
});
