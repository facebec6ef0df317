/**
 * Validation of the what-if simulator: a log the routing app recorded end to
 * end (HTTP, presence with its relay, routing, SQLite, in-process bus), re-run
 * with least-loaded, the policy in force, gives every conversation the agent
 * the app gave it, stretch by stretch (after transfers too).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RecordedEvent } from '@app/event-store';
import { startRoutingFloor, type RoutingFloor } from './support/routing-test-app.js';
import { describeRoutingScenarios } from './support/routing-scenarios.js';
import { close, online, queueConversation, register, status, transfer } from './support/routing-steps.js';
import { roundRobinPolicy } from '@app/routing-domain';
import { quiet, readLog, replay } from './support/what-if-replay.js';

// The first scenario starts the apps cold; on a busy machine that alone can pass jest's default 5 s.
jest.setTimeout(30_000);

let scenarioLog: RecordedEvent[] = [];
describeRoutingScenarios('the routing scenarios, recorded for replay', async () => {
  const floor = await startRoutingFloor(1);
  return { ...floor, close: async () => { scenarioLog = await readLog(floor.presence.store); await floor.close(); } };
});

describe('what-if replay of the routing scenarios\' log with least-loaded', () => {
  it('gives every conversation the agent the routing app gave it', () => {
    const replayed = replay(scenarioLog);
    expect(replayed.conversations).toBeGreaterThan(10);
    expect(replayed.differences).toEqual([]);
  });
});

/** A small deterministic random source, so the busy morning is the same on every run. */
const randomFrom = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe('what-if replay of a busy morning the routing app recorded', () => {
  let floor: RoutingFloor;
  beforeAll(async () => { floor = await startRoutingFloor(1); }, 60_000);
  afterAll(async () => { await floor?.close(); }, 30_000);

  it('gives every conversation the agent the routing app gave it, across queues, closes, transfers and status changes', async () => {
    const random = randomFrom(15);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const agents: [string, string[], number][] = [['s1', ['sales'], 2], ['s2', ['sales'], 1], ['s3', ['billing', 'sales'], 3], ['b1', ['billing'], 2], ['b2', ['billing'], 1]];
    const ids = agents.map(([agentId]) => agentId);
    for (const [agentId, teams, max] of agents.slice(0, 4)) await online(floor, agentId, teams, max);
    await register(floor, 'b2', ['billing'], 1);
    const open: string[] = [];
    const away = new Set<string>(['b2']);
    let transfers = 0;
    let queued = 0;
    for (let step = 0; step < 70; step++) {
      const roll = random();
      if (roll < 0.5 || open.length === 0) {
        const id = `chat-${step}`;
        const response = await queueConversation(floor.routing, id, random() < 0.65 ? 'sales' : 'billing', random() < 0.15 ? 5 : 0);
        if (response.body.status === 'queued') queued++;
        open.push(id);
      } else if (roll < 0.8) {
        const id = open.splice(Math.floor(random() * open.length), 1)[0];
        expect((await close(floor.routing, id)).status).toBe(200);
      } else if (roll < 0.87) {
        const moved = await transfer(floor.routing, pick(open), pick(['sales', 'billing']));
        if (moved.status === 200) transfers++;
      } else {
        const agentId = pick(ids);
        await status(floor, agentId, away.has(agentId) ? 'online' : 'away');
        if (away.has(agentId)) away.delete(agentId); else away.add(agentId);
      }
      await quiet(floor, ids);
    }
    const log = await readLog(floor.presence.store);
    const replayed = replay(log);
    expect({ queued: queued > 3, transfers: transfers > 1, conversations: replayed.conversations > 30 }).toEqual({ queued: true, transfers: true, conversations: true });
    expect(replayed.differences).toEqual([]);
    // The comparison can tell: another policy would have given some of them to someone else.
    expect(replay(log, roundRobinPolicy).differences.length).toBeGreaterThan(0);
  }, 120_000);
});
