import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, formatPosition } from '@app/event-store';
import { AvailabilityReadModel } from '../apps/presence/src/read-model/availability-read-model.js';
import { http } from './support/presence-test-app.js';
import { spawnApp, type SpawnedApp } from './support/spawned-app.js';

const dataDir = mkdtempSync(join(tmpdir(), 'presence-kill9-'));
let running: SpawnedApp | undefined;
afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded default after kill -9 (a real OS process, SIGKILL mid-load)', () => {
  it('keeps every acknowledged command, and its read model equals a rebuild from position zero', async () => {
    running = await spawnApp('standalone', { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const agents = Array.from({ length: 10 }, (_, i) => `kill9-agent-${i}`);
    // An agent no load touches: after the restart routing must still know it is online.
    await http(`${running.url}/v1/agents/kill9-steady`, 'PUT', { displayName: 'steady', teams: ['steady'], maxConcurrentConversations: 2 });
    await http(`${running.url}/v1/agents/kill9-steady/status`, 'PUT', { status: 'online' });
    for (const id of agents) {
      const response = await http(`${running.url}/v1/agents/${id}`, 'PUT', { displayName: id, teams: ['sales'], maxConcurrentConversations: 2 });
      expect(response.status).toBe(200);
    }

    // Load from several concurrent clients; SIGKILL lands while requests are in flight.
    const acknowledged: { agentId: string; position: string }[] = [];
    const statuses = ['online', 'away', 'offline'];
    const app = running;
    const client = async (worker: number) => {
      for (let i = 0; ; i++) {
        const agentId = agents[(worker + i) % agents.length];
        try {
          const response = await http(`${app.url}/v1/agents/${agentId}/status`, 'PUT', { status: statuses[(worker + i) % 3], reason: `w${worker}-${i}` });
          if (response.status === 200 && response.body.command.appended === 1) acknowledged.push({ agentId, position: response.body.command.position });
        } catch {
          return; // the process is gone
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, worker) => client(worker));
    // Kill once enough commands are acknowledged, whatever the machine's speed, with requests still in flight.
    const deadline = Date.now() + 30_000;
    while (acknowledged.length < 60 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await running.kill();
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(50);

    running = await spawnApp('standalone', { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      for (const { agentId, position } of acknowledged) {
        const events = await store.readStream(`agent-${agentId}`);
        expect(events.map((e) => formatPosition(e.position))).toContain(position);
      }
    } finally {
      await store.close();
    }

    // Routing in the restarted process knows agents that did not change since (its in-process bus started empty).
    const routed = await http(`${running.url}/v1/conversations`, 'POST', { conversationId: 'after-restart', team: 'steady' });
    expect(routed.status).toBe(201);
    const routingDeadline = Date.now() + 10_000;
    let conversation = routed.body;
    while (conversation.status !== 'assigned' && Date.now() < routingDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      conversation = (await http(`${running.url}/v1/conversations/after-restart`, 'GET')).body;
    }
    expect(conversation).toMatchObject({ status: 'assigned', agentId: 'kill9-steady' });

    // The API adds to each row what is not in the read model: the reason's label and the connection (signals, not events).
    const served = (await http(`${running.url}/v1/agents`, 'GET')).body
      .map(({ reasonCode: _code, reasonLabel: _label, connected: _connected, lastSeenAt: _seen, ...row }: Record<string, unknown>) => row);
    await running.stop();
    running = undefined;

    // A second read model, projected from position zero out of the same log, must be identical.
    const rebuilt = new AvailabilityReadModel(join(dataDir, 'rebuilt-read-model.sqlite'));
    const replayStore = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const { upcastPresenceEvent } = await import('@app/presence-domain');
      for (const recorded of await replayStore.readAll({ streamPrefixes: ['agent-'] })) {
        const event = upcastPresenceEvent(recorded);
        if (event) rebuilt.apply(event, recorded.revision, recorded.position);
      }
      expect(rebuilt.list()).toEqual(served);
    } finally {
      rebuilt.close();
      await replayStore.close();
    }
  }, 60_000);
});
