import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionTracking } from '../apps/presence/src/connections/connection-tracking.js';
import { startEsdbWireServer, type EsdbWireServer } from './support/esdb-wire-server/esdb-wire-server.js';
import { startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import {
  SESSION_TEST_ENV, agentOf, keepHeartbeating, onlineAgent, openSession, statusOf, systemChanges, until,
} from './support/session-steps.js';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers || brokers === 'unused') throw new Error('KAFKA_BROKERS must point at a broker: the e2e jest globalSetup starts one');

describe('two presence processes behind one Kafka broker, on one event store (the EventStoreDB wire-compatible test server, not a real EventStoreDB)', () => {
  let server: EsdbWireServer;
  let first: PresenceTestApp;
  let second: PresenceTestApp;
  const bothAway = (agentId: string) => async () => (await statusOf(first, agentId)) === 'away' && (await statusOf(second, agentId)) === 'away';

  beforeAll(async () => {
    server = await startEsdbWireServer();
    const run = Date.now();
    const env = {
      ...SESSION_TEST_ENV, PRESENCE_TIMEOUT_SECONDS: '3', PRESENCE_SIGNAL_ALLOWANCE_MS: '1500',
      EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString,
      MESSAGE_BUS: 'kafka', KAFKA_BROKERS: brokers, AVAILABILITY_TOPIC: `availability-sessions-${run}`, CONNECTION_SIGNAL_TOPIC: `signals-sessions-${run}`,
    };
    first = await startPresenceTestApp(env);
    second = await startPresenceTestApp({ ...env, RELAY_ENABLED: 'false' });
    await Promise.all([first, second].map((app) => app.app.get(ConnectionTracking).listening));
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await server?.stop();
  });

  it('appends exactly one change when the sessions held on either process close and both sweep', async () => {
    const id = await onlineAgent(first, 'two-sessions');
    const sessions = [await openSession(first, id), await openSession(second, id)];
    await Promise.all(sessions.map((s) => s.next(1)));
    sessions.forEach((s) => s.close());
    await until('both processes show the agent away', bothAway(id));

    const changes = await systemChanges(first, id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ data: { from: 'online', to: 'away', reasonCode: 'connection-lost' }, metadata: { actor: { kind: 'system', id: 'presence' } } });
  });

  it('keeps agents online whose session or heartbeats reach only the other process, while one with neither goes away', async () => {
    const held = await onlineAgent(first, 'held-on-second');
    const beating = await onlineAgent(first, 'beating-on-second');
    const control = await onlineAgent(first, 'control');
    const session = await openSession(second, held);
    await session.next(1);
    const heartbeats = keepHeartbeating(second, beating, 500);
    await until('the agent with no connection is away on both', bothAway(control));

    expect(await Promise.all([held, beating].map((id) => agentOf(first, id)))).toMatchObject([
      { status: 'online', connected: true }, { status: 'online', connected: true },
    ]);
    expect([...await systemChanges(first, held), ...await systemChanges(first, beating)]).toEqual([]);
    session.close();
    await heartbeats.stop();
    await until('both lapse once their connection is gone', async () => (await bothAway(held)()) && (await bothAway(beating)()));
    expect([(await systemChanges(first, held)).length, (await systemChanges(first, beating)).length]).toEqual([1, 1]);
  });
});
