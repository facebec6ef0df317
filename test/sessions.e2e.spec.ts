import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@app/event-store';
import type { SessionMessageSource } from '../apps/presence/src/agents/hold-session/session-messages.js';
import { http, startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import { overrideStatus, registerAgent, setStatus, uniqueId } from './support/presence-scenarios.js';
import { openEventStream, type ServerSentEvent } from './support/server-sent-events.js';
import {
  SESSION_TEST_ENV, agentEvents, agentOf, heartbeat, keepHeartbeating, onlineAgent, openSession, statusOf, systemChanges, until,
} from './support/session-steps.js';
import { bearer } from './support/test-tokens.js';

/** Stands in for issue 11's offers: events on `test-offer-*` streams become `offer` / `offer-ended` for the agent they name. */
const fakeOffers: SessionMessageSource = {
  streamPrefixes: ['test-offer-'],
  messageOf: (recorded: RecordedEvent) => {
    const { agentId, conversationId } = recorded.data as { agentId: string; conversationId: string };
    if (recorded.type === 'TestOffered') return { agentId, event: 'offer', data: { conversationId, offerExpiresAt: '2030-01-01T00:00:00.000Z' } };
    if (recorded.type === 'TestOfferEnded') return { agentId, event: 'offer-ended', data: { conversationId } };
    return undefined;
  },
};

const data = (message: ServerSentEvent) => JSON.parse(message.data);

describe('agent sessions and heartbeats (embedded SQLite store, in-process bus, PRESENCE_TIMEOUT_SECONDS=2)', () => {
  let app: PresenceTestApp;

  beforeAll(async () => {
    app = await startPresenceTestApp(SESSION_TEST_ENV, undefined, { sessionMessageSources: [fakeOffers] });
    await http(`${app.url}/v1/status-reasons/lunch`, 'PUT', { label: 'Lunch', status: 'away' });
  });
  afterAll(async () => { await app?.close(); });

  it("shows the agent connected while its session is open, and sends the agent's own changes as availability messages", async () => {
    const id = uniqueId('ses');
    await registerAgent(app, id);
    const session = await openSession(app, id);
    expect([session.status, session.contentType]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const [opening] = await session.next(1);
    expect(opening.event).toBe('availability');
    expect(data(opening)).toMatchObject({ agentId: id, status: 'offline', connected: true, eventType: null });
    expect(await agentOf(app, id)).toMatchObject({ connected: true, lastSeenAt: expect.any(String) });

    await setStatus(app, id, 'away', { reasonCode: 'lunch' });
    const [, changed] = await session.next(2);
    expect(changed.event).toBe('availability');
    expect(data(changed)).toMatchObject({ status: 'away', reasonCode: 'lunch', reasonLabel: 'Lunch', eventType: 'AgentStatusChanged', position: changed.id });

    session.close();
    await until('the closed session no longer counts', async () => (await agentOf(app, id)).connected === false);
    expect((await agentOf(app, id)).lastSeenAt).toEqual(expect.any(String));
  });

  it('resumes from Last-Event-ID with the changes made while it was closed, none twice and no new opening message', async () => {
    const id = uniqueId('ses');
    await registerAgent(app, id);
    const first = await openSession(app, id);
    const [opening] = await first.next(1);
    first.close();
    await setStatus(app, id, 'away');
    await setStatus(app, id, 'offline');
    const resumed = await openEventStream(`${app.url}/v1/agents/${id}/session`, { ...await bearer(id, 'agent'), 'last-event-id': opening.id! });
    const messages = await resumed.next(2);
    resumed.close();
    expect(messages.map((m) => [m.event, data(m).status, data(m).eventType])).toEqual([
      ['availability', 'away', 'AgentStatusChanged'], ['availability', 'offline', 'AgentStatusChanged'],
    ]);
  });

  it('sets an online agent whose session closed to away after the timeout, once, by the system with reason connection-lost', async () => {
    const id = await onlineAgent(app, 'lost');
    const session = await openSession(app, id);
    await session.next(1);
    session.close();
    await until('the agent is away', async () => (await statusOf(app, id)) === 'away');

    expect(await agentOf(app, id)).toMatchObject({
      status: 'away', setBy: { kind: 'system', id: 'presence', reason: null, reasonCode: 'connection-lost' },
      reasonCode: 'connection-lost', reasonLabel: 'Connection lost', connected: false,
    });
    const changes = await systemChanges(app, id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      data: { agentId: id, from: 'online', to: 'away', reasonCode: 'connection-lost' },
      metadata: { actor: { kind: 'system', id: 'presence' } },
    });
    const history = (await http(`${app.url}/v1/agents/${id}/status-history`, 'GET')).body;
    expect(history.at(-1)).toMatchObject({ to: 'away', setBy: { kind: 'system', id: 'presence' }, reasonCode: 'connection-lost', reasonLabel: 'Connection lost' });
  });

  it('keeps an agent who heartbeats online past the timeout, while one who does not goes away', async () => {
    const beating = await onlineAgent(app, 'beat');
    const silent = await onlineAgent(app, 'silent');
    const heartbeats = keepHeartbeating(app, beating, 250);
    await until('the silent agent is away', async () => (await statusOf(app, silent)) === 'away');
    expect(await agentOf(app, beating)).toMatchObject({ status: 'online', connected: true });
    await heartbeats.stop();
    expect(await systemChanges(app, beating)).toEqual([]);
    // Watched all along: once the heartbeats stop, it lapses like any other.
    await until('the agent who stopped heartbeating is away', async () => (await statusOf(app, beating)) === 'away');
  });

  it('never changes a chosen status when sessions open, a second device connects or a heartbeat arrives', async () => {
    const offline = uniqueId('chose-offline');
    await registerAgent(app, offline);
    const away = uniqueId('chose-away');
    await registerAgent(app, away);
    await setStatus(app, away, 'away');
    const online = await onlineAgent(app, 'chose-online');
    const before = await Promise.all([offline, away, online].map(async (id) => (await agentEvents(app, id)).length));

    const sessions = await Promise.all([offline, offline, away, online, online].map((id) => openSession(app, id)));
    await Promise.all(sessions.map((s) => s.next(1)));
    expect((await heartbeat(app, offline)).status).toBe(204);

    expect(await Promise.all([offline, away, online].map((id) => agentOf(app, id)))).toMatchObject([
      { status: 'offline', connected: true }, { status: 'away', connected: true }, { status: 'online', connected: true },
    ]);
    expect(await Promise.all([offline, away, online].map(async (id) => (await agentEvents(app, id)).length))).toEqual(before);
    sessions.forEach((s) => s.close());
  });

  it("leaves a supervisor's override and an agent's own away alone, however long nobody is connected", async () => {
    const overridden = uniqueId('overridden');
    await registerAgent(app, overridden);
    expect((await overrideStatus(app, overridden, { status: 'online', reason: 'covering the queue' })).status).toBe(201);
    const away = uniqueId('away');
    await registerAgent(app, away);
    await setStatus(app, away, 'away');
    const control = await onlineAgent(app, 'control');
    await until('the control agent is away', async () => (await statusOf(app, control)) === 'away');

    expect(await agentOf(app, overridden)).toMatchObject({ status: 'online', setBy: { kind: 'supervisor' }, connected: false });
    expect(await statusOf(app, away)).toBe('away');
    expect([...await systemChanges(app, overridden), ...await systemChanges(app, away)]).toEqual([]);
  });

  it('lets only the agent itself or an admin hold its session or heartbeat: 403 for others, 404 for an unknown agent, 400 for a bad Last-Event-ID', async () => {
    const id = uniqueId('acl');
    await registerAgent(app, id);
    const other = await bearer('someone-else', 'agent', ['sales']);
    const supervisor = await bearer('sup-1', 'supervisor', ['sales']);
    const admin = await bearer('root', 'admin');
    expect(await Promise.all([other, supervisor, admin, await bearer(id, 'agent')].map(async (h) => (await heartbeat(app, id, h)).status)))
      .toEqual([403, 403, 204, 204]);
    expect((await heartbeat(app, uniqueId('nobody'), admin)).status).toBe(404);
    const refused = await Promise.all([other, supervisor].map((h) => openSession(app, id, h)));
    expect(refused.map((s) => s.status)).toEqual([403, 403]);
    expect((await openSession(app, uniqueId('nobody'), admin)).status).toBe(404);
    const badResume = await openSession(app, id, { ...await bearer(id, 'agent'), 'last-event-id': 'yesterday' });
    expect(badResume.status).toBe(400);
    const byAdmin = await openSession(app, id, admin);
    expect(byAdmin.status).toBe(200);
    byAdmin.close();
  });

  it('shows the connection on the floor, and connection messages (no id) on its live feed', async () => {
    const team = uniqueId('team');
    const id = uniqueId('floor');
    await registerAgent(app, id, [team]);
    const supervisor = await bearer('sup-floor', 'supervisor', [team]);
    const feed = await openEventStream(`${app.url}/v1/floor/stream`, supervisor);
    expect((await heartbeat(app, id)).status).toBe(204);
    const [connected] = await feed.next(1);
    expect([connected.event, connected.id, data(connected)]).toEqual(['connection', undefined, expect.objectContaining({ agentId: id, connected: true })]);
    const floor = (await http(`${app.url}/v1/floor`, 'GET', undefined, supervisor)).body;
    expect(floor.agents).toEqual([expect.objectContaining({ agentId: id, connected: true, lastSeenAt: expect.any(String) })]);
    const [, lapsed] = await feed.next(2, 20_000);
    feed.close();
    expect([lapsed.event, data(lapsed)]).toEqual(['connection', expect.objectContaining({ agentId: id, connected: false })]);
  });

  it('carries the messages of a plugged-in source to the agent it names only, with log positions as ids', async () => {
    const id = uniqueId('offered');
    await registerAgent(app, id);
    const session = await openSession(app, id);
    await session.next(1);
    const offer = (type: string, agentId: string, conversationId: string) =>
      app.store.append(`test-offer-${conversationId}`, [{ id: randomUUID(), type, data: { agentId, conversationId }, metadata: {} }], 'any');
    await offer('TestOffered', uniqueId('someone-else'), 'c-other');
    const appended = await offer('TestOffered', id, 'c-1');
    await offer('TestOfferEnded', id, 'c-1');
    const [, offered, ended] = await session.next(3);
    session.close();
    expect([offered.event, data(offered)]).toEqual(['offer', { conversationId: 'c-1', offerExpiresAt: '2030-01-01T00:00:00.000Z' }]);
    expect(offered.id).toBe(`${appended.position.commit}/${appended.position.prepare}`);
    expect([ended.event, data(ended)]).toEqual(['offer-ended', { conversationId: 'c-1' }]);
  });

  it('puts the reason code and its label on the availability message of the bus', async () => {
    const id = uniqueId('bus');
    await registerAgent(app, id);
    await setStatus(app, id, 'away', { reasonCode: 'lunch' });
    const seen: Record<string, unknown>[] = [];
    const consumer = await app.bus.consume(app.config.availabilityTopic, (message) => {
      const parsed = JSON.parse(message.value ?? '{}');
      if (parsed.agentId === id) seen.push(parsed);
    }, { fromBeginning: true });
    await until('the relay published the change', () => seen.some((m) => m.status === 'away'));
    await consumer.stop();
    expect(seen.find((m) => m.status === 'away')).toMatchObject({ reasonCode: 'lunch', reasonLabel: 'Lunch', setBy: { reasonCode: 'lunch' } });
  });

  it('lists the session and heartbeat endpoints in the OpenAPI document', async () => {
    const paths = Object.keys((await http(`${app.url}/v1/openapi.json`, 'GET')).body?.paths ?? {});
    expect(paths).toEqual(expect.arrayContaining(['/v1/agents/{agentId}/session', '/v1/agents/{agentId}/heartbeat']));
  });
});
