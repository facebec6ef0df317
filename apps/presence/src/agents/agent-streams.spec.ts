import type { Actor, AgentStatus } from '@app/kernel';
import { randomUUID } from 'node:crypto';
import { CommandIdReusedError, CommandRunner, SqliteEventStore, runnerStorageFor, type NewEvent } from '@app/event-store';
import { agentStreamId, presenceDecider, type AgentPresence, type PresenceCommand, type PresenceEvent } from '@app/presence-domain';
import { StreamRunner } from '@app/platform';

/** Commands as an admin, the agent and routing send them (the domain's spec builders, which apps do not reach). */
const NOW = new Date('2026-11-25T09:00:00.000Z');
const commandMetadata = (actor: Actor) => ({ now: NOW, actor, commandId: 'cmd-1', correlationId: 'corr-1' });
const register = (agentId: string): PresenceCommand => ({
  type: 'PutAgentProfile', data: { agentId, displayName: 'Ada', teams: ['sales'], maxConcurrentConversations: 2 },
  metadata: commandMetadata({ kind: 'admin', id: 'admin-1' }),
});
const setStatus = (agentId: string, status: AgentStatus): PresenceCommand => ({
  type: 'SetAgentStatus', data: { agentId, status }, metadata: commandMetadata({ kind: 'agent', id: agentId }),
});
const accept = (agentId: string, conversationId: string): PresenceCommand => ({
  type: 'AcceptConversation', data: { agentId, conversationId, team: 'sales' }, metadata: commandMetadata({ kind: 'service', id: 'routing' }),
});

const withId = (command: PresenceCommand, commandId: string): PresenceCommand => ({ ...command, metadata: { ...command.metadata, commandId } });

/** Status changes written straight to the store, as a long working life would have left them. */
const laterStatusChanges = (agentId: string, count: number, first: AgentStatus): NewEvent[] => {
  const cycle: AgentStatus[] = ['away', 'online'];
  return Array.from({ length: count }, (_, i) => {
    const to = cycle[i % 2];
    const from = i === 0 ? first : cycle[(i + 1) % 2];
    const causationId = randomUUID();
    return {
      id: randomUUID(), type: 'AgentStatusChanged', data: { agentId, from, to, reason: null },
      metadata: { schemaVersion: 1, occurredAt: '2026-11-25T09:00:00.000Z', actor: { kind: 'agent', id: agentId }, causationId, correlationId: causationId },
    };
  });
};

describe('an agent command sent again with the same Idempotency-Key', () => {
  let store: SqliteEventStore;
  let agents: StreamRunner<PresenceCommand, AgentPresence, PresenceEvent>;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    agents = new StreamRunner(store, presenceDecider, undefined, runnerStorageFor(store));
  });

  afterEach(() => store.close());

  it('answers a no-op again as a no-op (appended 0) after a later change, and leaves the agent as the later change left it', async () => {
    await agents.run(withId(register('a1'), 'k0'));
    await agents.run(withId(setStatus('a1', 'online'), 'k1'));
    const noOp = await agents.run(withId(setStatus('a1', 'online'), 'k2'));
    await agents.run(withId(setStatus('a1', 'away'), 'k3'));

    const retry = await agents.run(withId(setStatus('a1', 'online'), 'k2'));

    expect(noOp).toMatchObject({ appended: 0, replayed: false });
    expect(retry).toMatchObject({ appended: 0, replayed: true, revision: noOp.revision, position: noOp.position, state: noOp.state });
    const now = await agents.load('a1');
    expect(now.state).toMatchObject({ status: 'away' });
    expect(now.events).toHaveLength(3);
  });

  it('answers a refusal (409) again after the agent could take the conversation', async () => {
    await agents.run(withId(register('a1'), 'k0'));
    await expect(agents.run(withId(accept('a1', 'c1'), 'k1'))).rejects.toMatchObject({ code: 'AGENT_NOT_AVAILABLE' });
    await agents.run(withId(setStatus('a1', 'online'), 'k2'));

    await expect(agents.run(withId(accept('a1', 'c1'), 'k1'))).rejects.toMatchObject({ code: 'AGENT_NOT_AVAILABLE' });
    expect((await agents.load('a1')).state).toMatchObject({ openConversations: [] });
  });

  it('answers "not found" (404) again once the agent is registered', async () => {
    await expect(agents.run(withId(setStatus('a1', 'online'), 'k1'))).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
    await agents.run(withId(register('a1'), 'k0'));

    await expect(agents.run(withId(setStatus('a1', 'online'), 'k1'))).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
  });

  it('decides a malformed request (400) again: the client may fix it and resend the key', async () => {
    await agents.run(withId(register('a1'), 'k0'));
    const noReason: PresenceCommand = {
      type: 'OverrideAgentStatus', data: { agentId: 'a1', status: 'away', reason: ' ', supervisorId: 's1' },
      metadata: { now: new Date('2026-11-25T09:00:00.000Z'), actor: { kind: 'supervisor', id: 's1' }, commandId: 'k1', correlationId: 'k1' },
    };
    await expect(agents.run(noReason)).rejects.toMatchObject({ code: 'OVERRIDE_REASON_REQUIRED' });

    await expect(agents.run({ ...noReason, data: { ...noReason.data, reason: 'sick leave' } })).resolves.toMatchObject({ appended: 1 });
  });

  it('appends nothing when retried after 100,000 later events, and answers as the first time', async () => {
    await agents.run(withId(register('a1'), 'k0'));
    const first = await agents.run(withId(setStatus('a1', 'online'), 'k1'));
    for (let written = 0; written < 100_000; written += 10_000) {
      await store.append(agentStreamId('a1'), laterStatusChanges('a1', 10_000, 'online'), 'any');
    }
    const cold = new StreamRunner(store, presenceDecider, undefined, runnerStorageFor(store));

    const retry = await cold.run(withId(setStatus('a1', 'online'), 'k1'));

    expect(retry).toMatchObject({ appended: 0, replayed: true, revision: first.revision, position: first.position });
    expect(retry.events).toEqual(first.events);
    const [newest] = await store.readStream(agentStreamId('a1'), { direction: 'backwards', maxCount: 1 });
    expect(newest.revision).toBe(100_001);
  }, 60_000);

  it('refuses a key reused after its window when the decision would append again what the key appended once', async () => {
    let now = Date.UTC(2026, 10, 25, 9);
    const runner = new CommandRunner(store, presenceDecider, { ...runnerStorageFor(store), clock: () => now });
    const run = (command: PresenceCommand) => runner.run(agentStreamId('a1'), command);
    await run(withId(register('a1'), 'k0'));
    await run(withId(setStatus('a1', 'online'), 'k1'));
    await run(withId(setStatus('a1', 'away'), 'k2'));
    now += 24 * 60 * 60 * 1000 + 1;

    await expect(run(withId(setStatus('a1', 'online'), 'k1'))).rejects.toBeInstanceOf(CommandIdReusedError);
    expect((await agents.load('a1')).state).toMatchObject({ status: 'away' });
  });
});
