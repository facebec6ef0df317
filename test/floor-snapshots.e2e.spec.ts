import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { floorAt, upcastPresenceEvent, type PresenceEvent } from '@app/presence-domain';
import { registerAgent, setStatus, overrideStatus } from './support/presence-scenarios.js';
import { AvailabilityReadModel } from '../apps/presence/src/read-model/availability-read-model.js';
import { http, startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';

/**
 * Point-in-time floors start from the newest floor snapshot taken before the
 * instant and stop reading within the skew bound after it; the answer must be
 * exactly what a full replay of the log gives, at every instant.
 */
let app: PresenceTestApp;
beforeAll(async () => { app = await startPresenceTestApp({ FLOOR_SNAPSHOT_EVERY: '100', FLOOR_REPLAY_MAX_SKEW_MS: '0' }); });
afterAll(async () => { await app?.close(); });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the floor at past instants, with floor snapshots every 100 events', () => {
  it('equals a full replay of the log at every sampled instant', async () => {
    const agents = ['snap-a', 'snap-b', 'snap-c', 'snap-d'];
    for (const id of agents) await registerAgent(app, id, ['sales']);
    const instants: Date[] = [];
    const statuses = ['online', 'away', 'offline'];
    for (let i = 0; i < 330; i++) {
      const id = agents[i % agents.length];
      if (i % 7 === 0) await overrideStatus(app, id, { status: statuses[(i + 1) % 3], reason: `check ${i}`, supervisorId: 'sup-1' });
      else await setStatus(app, id, statuses[i % 3], { reason: `r${i}` });
      if (i % 40 === 0) {
        await pause(3);
        instants.push(new Date());
        await pause(3);
      }
    }
    const events: PresenceEvent[] = (await app.store.readAll({ streamPrefixes: ['agent-'] })).flatMap((r) => upcastPresenceEvent(r) ?? []);
    expect(events.length).toBeGreaterThan(250);
    // The later instants must be served from a snapshot, or this test would only prove the full replay.
    expect(app.app.get(AvailabilityReadModel).floorSnapshotBefore(instants.at(-1)!)).toBeDefined();
    for (const at of instants) {
      const expected = floorAt(events, at).map((a) => [a.agentId, a.status, a.setBy]);
      const served = (await http(`${app.url}/v1/floor?at=${at.toISOString()}`, 'GET')).body.agents
        .filter((a: { agentId: string }) => agents.includes(a.agentId))
        .map((a: { agentId: string; status: string; setBy: unknown }) => [a.agentId, a.status, a.setBy]);
      expect(served).toEqual(expected);
    }
  });
});
