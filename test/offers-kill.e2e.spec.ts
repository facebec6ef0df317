import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { http } from './support/presence-test-app.js';
import { spawnApp, type SpawnedApp } from './support/spawned-app.js';
import { eventually } from './support/routing-test-app.js';
import { bearer } from './support/test-tokens.js';

const dataDir = mkdtempSync(join(tmpdir(), 'offers-kill9-'));
let running: SpawnedApp | undefined;
afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const TEAM = 'kill-offers';
const AGENTS = ['kill-offer-1', 'kill-offer-2'];
const CONVERSATIONS = ['kill-chat-1', 'kill-chat-2'];

describe('offers pending when the embedded default is killed (a real OS process, SIGKILL, real 5 s offers)', () => {
  it('expires each offer that ran out while the process was down exactly once after the restart', async () => {
    running = await spawnApp('standalone', { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const url = running.url;
    expect((await http(`${url}/v1/teams/${TEAM}`, 'PUT', { routingMode: 'offer', offerTimeoutSeconds: 5 })).status).toBe(200);
    for (const agentId of AGENTS) {
      await http(`${url}/v1/agents/${agentId}`, 'PUT', { displayName: agentId, teams: [TEAM], maxConcurrentConversations: 1 });
      await http(`${url}/v1/agents/${agentId}/status`, 'PUT', { status: 'online' }, await bearer(agentId, 'agent', [TEAM]));
    }
    for (const conversationId of CONVERSATIONS) await http(`${url}/v1/conversations`, 'POST', { conversationId, team: TEAM });
    const deadlines: number[] = [];
    await eventually(async () => {
      const answers = await Promise.all(CONVERSATIONS.map((id) => http(`${url}/v1/conversations/${id}`, 'GET')));
      deadlines.splice(0, deadlines.length, ...answers.map((a) => Date.parse(a.body.offerExpiresAt)));
      return answers.every((a) => a.body.status === 'offered');
    }, 'both conversations are offered');

    await running.kill();
    // Real time: the deadlines pass while no routing runs.
    await new Promise((resolve) => setTimeout(resolve, Math.max(...deadlines) - Date.now() + 200));
    running = await spawnApp('standalone', { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const restarted = running.url;
    await eventually(async () => {
      const answers = await Promise.all(CONVERSATIONS.map((id) => http(`${restarted}/v1/conversations/${id}`, 'GET')));
      return answers.every((a) => a.body.status === 'queued');
    }, 'both offers expired and, their agents away, both conversations wait');

    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      for (const id of CONVERSATIONS) {
        const events = await store.readStream(`conversation-${id}`);
        expect(events.filter((e) => e.type === 'OfferExpired')).toHaveLength(1);
      }
    } finally {
      await store.close();
    }
    for (const agentId of AGENTS) {
      await eventually(async () => (await http(`${restarted}/v1/agents/${agentId}`, 'GET')).body.setBy?.reasonCode === 'missed-offer',
        `${agentId} is away for its missed offer`);
    }
  }, 60_000);
});
