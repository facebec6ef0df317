import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore, type NewEvent } from '@app/event-store';
import { evolve, initialPresence, type PresenceEvent } from '@app/presence-domain';
import type { AgentView } from '../agent-views.js';
import { SessionFeed, type SessionStreamMessage } from './session-feed.js';
import { SessionHub } from './session-hub.js';
import type { SessionMessageSource } from './session-messages.js';

const metadata = { occurredAt: '2026-11-25T09:00:00.000Z', actor: { kind: 'agent', id: 'a1' }, causationId: 'c', correlationId: 'c', schemaVersion: 2 };
const registered = (agentId: string): NewEvent => ({
  id: randomUUID(), type: 'AgentRegistered', data: { agentId, displayName: agentId, teams: ['sales'], maxConcurrentConversations: 2 }, metadata,
});
const changed = (agentId: string, to: string): NewEvent => ({
  id: randomUUID(), type: 'AgentStatusChanged', data: { agentId, from: 'offline', to, reason: null, reasonCode: null }, metadata,
});
const viewOf = (agent: object) => ({ ...agent, reasonCode: null, reasonLabel: null }) as AgentView;
const registeredState = (agentId: string) => evolve(initialPresence(), registered(agentId) as unknown as PresenceEvent);

/** Offers on `offer-*` streams; an event typed `Broken` makes it throw. */
const offers: SessionMessageSource = {
  streamPrefixes: ['offer-'],
  messageOf: (recorded) => {
    if (recorded.type === 'Broken') throw new Error('a source bug');
    return { agentId: String(recorded.data.agentId), event: 'offer', data: { conversationId: recorded.data.conversationId } };
  },
};

/** Resolves once `count` messages arrived (the hub delivers asynchronously, after each commit). */
const collector = () => {
  const messages: SessionStreamMessage[] = [];
  let wake = () => undefined as void;
  return {
    messages,
    send: (message: SessionStreamMessage) => { messages.push(message); wake(); },
    until: async (count: number) => {
      while (messages.length < count) await new Promise<void>((resolve) => { wake = resolve; });
      return messages.map((m) => [m.event, (m.data as { status?: string; conversationId?: string }).status ?? (m.data as { conversationId: string }).conversationId]);
    },
  };
};

describe('the session hub: one store subscription for every session of the process', () => {
  let store: SqliteEventStore;
  let hub: SessionHub;

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    await store.append('agent-a1', [registered('a1')], 'no_stream');
    await store.append('agent-a10', [registered('a10')], 'no_stream');
    hub = new SessionHub(store, [offers]);
    await hub.onApplicationBootstrap();
  });
  afterEach(async () => {
    await hub.beforeApplicationShutdown();
    await store.close();
  });

  it('sends a resumed session what it missed from the store, then what comes live, none twice', async () => {
    const away = changed('a1', 'away');
    const seen = await store.append('agent-a1', [away], 0);
    await store.append('agent-a1', [changed('a1', 'offline')], 1);
    const stateThen = evolve(registeredState('a1'), away as unknown as PresenceEvent);
    const session = collector();
    const stop = await hub.follow('a1', new SessionFeed('a1', stateThen, [offers], viewOf), seen.position, session.send);
    await store.append('agent-a1', [changed('a1', 'online')], 2);
    expect(await session.until(2)).toEqual([['availability', 'offline'], ['availability', 'online']]);
    stop();
  });

  it("sends an agent's session its own stream's events and the source messages naming it, not those of agent a10", async () => {
    const session = collector();
    const stop = await hub.follow('a1', new SessionFeed('a1', registeredState('a1'), [offers], viewOf), hub.head, session.send);
    await store.append('agent-a10', [changed('a10', 'online')], 0);
    await store.append('offer-c2', [{ id: randomUUID(), type: 'Offered', data: { agentId: 'a10', conversationId: 'c2' }, metadata: {} }], 'any');
    await store.append('offer-c1', [{ id: randomUUID(), type: 'Offered', data: { agentId: 'a1', conversationId: 'c1' }, metadata: {} }], 'any');
    await store.append('agent-a1', [changed('a1', 'away')], 0);
    expect(await session.until(2)).toEqual([['offer', 'c1'], ['availability', 'away']]);
    stop();
  });

  it('goes on past a source that throws, and sends nothing more once a session stopped', async () => {
    const stopped = collector();
    const live = collector();
    const stop = await hub.follow('a1', new SessionFeed('a1', registeredState('a1'), [offers], viewOf), hub.head, stopped.send);
    await hub.follow('a1', new SessionFeed('a1', registeredState('a1'), [offers], viewOf), hub.head, live.send);
    stop();
    await store.append('offer-c3', [{ id: randomUUID(), type: 'Broken', data: { agentId: 'a1' }, metadata: {} }], 'any');
    await store.append('offer-c4', [{ id: randomUUID(), type: 'Offered', data: { agentId: 'a1', conversationId: 'c4' }, metadata: {} }], 'any');
    expect(await live.until(1)).toEqual([['offer', 'c4']]);
    expect(stopped.messages).toEqual([]);
  });
});
