import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Actor } from '@app/kernel';
import { CommandRunner, SqliteEventStore } from '@app/event-store';
import { InProcessMessageBus, type Consumer } from '@app/messaging';
import {
  ConnectionTracker, agentStreamId, observedStatusOf, presenceDecider,
  type AgentPresence, type PresenceCommand, type PresenceEvent, type RegisteredAgent,
} from '@app/presence-domain';
import { ConnectionLossSweep } from './connection-loss-sweep.js';
import { ConnectionSignalBridge } from './connection-signal-bridge.js';

const T0 = Date.UTC(2026, 10, 25, 9);
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const TOPIC = 'presence.connection-signals';
const agent: Actor = { kind: 'agent', id: 'a1' };

/** Polls (bounded) until the bus has delivered what the check waits for; asserts nothing about time. */
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('two presence processes behind one bus, on one embedded event store (Kafka and EventStoreDB not started here)', () => {
  let store: SqliteEventStore;
  let bus: InProcessMessageBus;
  let runner: CommandRunner<PresenceCommand, AgentPresence, PresenceEvent>;
  let consumers: Consumer[];

  const command = (type: 'PutAgentProfile' | 'SetAgentStatus', data: object, seconds: number, id: string): PresenceCommand =>
    ({ type, data, metadata: { now: at(seconds), actor: agent, commandId: id, correlationId: id } }) as PresenceCommand;

  const startProcess = async (instanceId: string) => {
    const tracker = new ConnectionTracker({ timeoutMs: 60_000, startedAt: at(-3600).getTime(), graceMs: 90_000, signalDelayMs: 2000 });
    const bridge = new ConnectionSignalBridge(bus, TOPIC, instanceId, (signal) => tracker.signal(signal));
    consumers.push(await bridge.start());
    const sweep = new ConnectionLossSweep(tracker, (c, revision) => runner.run(agentStreamId(c.data.agentId), c, { expectedRevision: revision }), 'away');
    return { tracker, bridge, sweep };
  };
  type Process = Awaited<ReturnType<typeof startProcess>>;

  /** What the availability read model does on every process after each change. */
  const observe = async (...processes: Process[]) => {
    const { state, expected } = await runner.load(agentStreamId('a1'));
    for (const p of processes) p.tracker.statusObserved(observedStatusOf(state as RegisteredAgent, expected as number));
  };

  const systemChanges = async () => (await runner.load(agentStreamId('a1'))).events
    .filter(({ event }) => event.type === 'AgentStatusSetBySystem').map(({ event }) => event);

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    bus = new InProcessMessageBus();
    runner = new CommandRunner(store, presenceDecider);
    consumers = [];
    await runner.run(agentStreamId('a1'), command('PutAgentProfile', { agentId: 'a1', displayName: 'Ada', teams: ['sales'], maxConcurrentConversations: 2 }, 0, 'c1'));
    await runner.run(agentStreamId('a1'), command('SetAgentStatus', { agentId: 'a1', status: 'online' }, 0, 'c2'));
  });

  afterEach(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await bus.close();
    await store.close();
  });

  it('appends exactly one away change, by the system with reason connection-lost, when the session closed on one and both sweep', async () => {
    const [p1, p2] = [await startProcess('p1'), await startProcess('p2')];
    await observe(p1, p2);
    await p1.bridge.publish('session-opened', 'a1', at(1), 's1');
    await p1.bridge.publish('session-closed', 'a1', at(10), 's1');
    await until(() => [p1, p2].every((p) => p.tracker.connectionOf('a1', at(10).getTime()).lastSeenAt === at(10).toISOString()));

    const reports = await Promise.all([p1.sweep.sweep(at(72)), p2.sweep.sweep(at(72))]);

    const changes = await systemChanges();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      data: { agentId: 'a1', from: 'online', to: 'away', reasonCode: 'connection-lost' },
      metadata: { actor: { kind: 'system', id: 'presence' }, causationId: 'connection-lost:a1:1' },
    });
    expect(reports.flatMap((r) => [...r.changed, ...r.superseded]).sort()).toEqual(['a1', 'a1']);
    await observe(p1, p2);
    await Promise.all([p1.sweep.sweep(at(200)), p2.sweep.sweep(at(200))]);
    expect(await systemChanges()).toHaveLength(1);
  });

  it('changes nothing when a heartbeat reached the other process just before the deadline', async () => {
    const [p1, p2] = [await startProcess('p1'), await startProcess('p2')];
    await observe(p1, p2);
    await p1.bridge.publish('session-opened', 'a1', at(1), 's1');
    await p1.bridge.publish('session-closed', 'a1', at(10), 's1');
    await p2.bridge.publish('heartbeat', 'a1', at(69));
    await until(() => p1.tracker.connectionOf('a1', at(69).getTime()).lastSeenAt === at(69).toISOString());

    const reports = await Promise.all([p1.sweep.sweep(at(72)), p2.sweep.sweep(at(72))]);

    expect(reports).toEqual([{ changed: [], superseded: [] }, { changed: [], superseded: [] }]);
    expect(await systemChanges()).toEqual([]);
    expect((await runner.load(agentStreamId('a1'))).state).toMatchObject({ status: 'online' });
  });

  it('changes nothing for an agent who set itself away meanwhile (the revision it saw is gone)', async () => {
    const [p1] = [await startProcess('p1')];
    await observe(p1);
    await runner.run(agentStreamId('a1'), command('SetAgentStatus', { agentId: 'a1', status: 'away' }, 30, 'c3'));

    const report = await p1.sweep.sweep(at(62));

    expect(report).toEqual({ changed: [], superseded: ['a1'] });
    expect(await systemChanges()).toEqual([]);
  });
});
