import type { AgentStatus } from '@app/kernel';
import fc from 'fast-check';
import { CommandRunner, SqliteEventStore, runnerStorageFor, sealSnapshot, type RunnerStorage } from '@app/event-store';
import {
  agentStreamId, decide, presenceDecider, presenceRefusals, replay, upcastPresenceEvent,
  type AgentPresence, type PresenceCommand, type PresenceEvent,
} from '@app/presence-domain';

const AGENTS = ['a1', 'a2'];
const STATUSES: AgentStatus[] = ['online', 'away', 'offline'];
const at = new Date('2026-11-25T09:00:00.000Z');

type Step = { readonly command: PresenceCommand } | { readonly retryOf: number };

const meta = (actor: PresenceCommand['metadata']['actor']) => ({ now: at, actor, commandId: '', correlationId: 'c' });

const commandArb: fc.Arbitrary<PresenceCommand> = fc.constantFrom(...AGENTS).chain((agentId) => fc.oneof(
  fc.record({ teams: fc.subarray(['sales', 'support'], { minLength: 1 }), max: fc.integer({ min: 1, max: 3 }) })
    .map(({ teams, max }): PresenceCommand => ({
      type: 'PutAgentProfile', data: { agentId, displayName: 'Ada', teams, maxConcurrentConversations: max }, metadata: meta({ kind: 'admin', id: 'x' }),
    })),
  fc.constantFrom(...STATUSES).map((status): PresenceCommand => ({ type: 'SetAgentStatus', data: { agentId, status }, metadata: meta({ kind: 'agent', id: agentId }) })),
  fc.record({ status: fc.constantFrom(...STATUSES), reason: fc.constantFrom('', 'sick leave', 'coverage') })
    .map(({ status, reason }): PresenceCommand => ({
      type: 'OverrideAgentStatus', data: { agentId, status, reason, supervisorId: 's1' }, metadata: meta({ kind: 'supervisor', id: 's1' }),
    })),
  fc.record({ conversationId: fc.constantFrom('c1', 'c2', 'c3'), team: fc.constantFrom('sales', 'support') })
    .map(({ conversationId, team }): PresenceCommand => ({
      type: 'AcceptConversation', data: { agentId, conversationId, team }, metadata: meta({ kind: 'service', id: 'routing' }),
    })),
  fc.constantFrom('c1', 'c2', 'c3').map((conversationId): PresenceCommand => ({
    type: 'ReleaseConversation', data: { agentId, conversationId, reason: 'closed' }, metadata: meta({ kind: 'service', id: 'routing' }),
  })),
));

const historyArb = fc.array(
  fc.oneof({ weight: 4, arbitrary: commandArb.map((command): Step => ({ command })) }, { weight: 1, arbitrary: fc.nat().map((n): Step => ({ retryOf: n })) }),
  { minLength: 1, maxLength: 50 },
);

/** What a command id answers, by the rules alone: its first outcome, unless that was malformed input. */
type Answer = { readonly appended: number } | { readonly refused: string };

const referenceRun = (steps: readonly Step[]) => {
  const states = new Map<string, AgentPresence>(AGENTS.map((id) => [id, replay([])]));
  const first = new Map<string, Answer>();
  const sent: PresenceCommand[] = [];
  return steps.map((step): Answer => {
    const command = 'command' in step ? { ...step.command, metadata: { ...step.command.metadata, commandId: `k${sent.length}` } } : sent[step.retryOf % Math.max(1, sent.length)];
    if (!command) return { appended: 0 };
    if ('command' in step) sent.push(command);
    const known = first.get(command.metadata.commandId);
    if (known) return 'refused' in known ? known : { appended: 0 };
    try {
      const events = decide(command, states.get(command.data.agentId)!);
      states.set(command.data.agentId, replay(events, states.get(command.data.agentId)));
      first.set(command.metadata.commandId, { appended: events.length });
      return { appended: events.length };
    } catch (error) {
      const refusal = presenceRefusals.of(error);
      if (refusal) first.set(command.metadata.commandId, { refused: refusal.code });
      return { refused: (error as { code: string }).code };
    }
  });
};

const fullReplay = async (store: SqliteEventStore, agentId: string): Promise<AgentPresence> => {
  const events = await store.readStream(agentStreamId(agentId)).catch(() => []);
  return replay(events.flatMap((recorded) => upcastPresenceEvent(recorded) ?? []) as PresenceEvent[]);
};

describe('agent state from the cache, from snapshots and from a full replay', () => {
  it('is the same whichever way it is loaded, and every command answers as its first run did, for random histories', async () => {
    await fc.assert(fc.asyncProperty(historyArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 }), async (steps, snapshotEvery, cacheCapacity) => {
      const store = new SqliteEventStore(':memory:');
      try {
        const storage: RunnerStorage = runnerStorageFor(store);
        const runner = new CommandRunner(store, presenceDecider, { ...storage, snapshotEvery, cacheCapacity });
        const expected = referenceRun(steps);
        const sent: PresenceCommand[] = [];
        for (const [i, step] of steps.entries()) {
          const command = 'command' in step ? { ...step.command, metadata: { ...step.command.metadata, commandId: `k${sent.length}` } } : sent[step.retryOf % Math.max(1, sent.length)];
          if (!command) continue;
          if ('command' in step) sent.push(command);
          const answer = await runner.run(agentStreamId(command.data.agentId), command).then(
            (outcome): Answer => ({ appended: outcome.appended }), (error: { code: string }): Answer => ({ refused: error.code }));
          expect(answer).toEqual(expected[i]);
        }
        for (const agentId of AGENTS) {
          const truth = await fullReplay(store, agentId);
          const cold = new CommandRunner(store, presenceDecider, { ...storage, snapshotEvery });
          const blind = new CommandRunner(store, presenceDecider, { ...storage, snapshots: { read: async () => undefined, write: async () => undefined } });
          expect((await runner.current(agentStreamId(agentId))).state).toEqual(truth);
          expect((await cold.current(agentStreamId(agentId))).state).toEqual(truth);
          expect((await blind.current(agentStreamId(agentId))).state).toEqual(truth);
        }
      } finally {
        await store.close();
      }
    }), { numRuns: 150 });
  }, 120_000);

  it('ignores a corrupted agent snapshot, answers from a full replay and stores a sound one again', async () => {
    const store = new SqliteEventStore(':memory:');
    const storage = runnerStorageFor(store);
    const runner = () => new CommandRunner(store, presenceDecider, { ...storage, snapshotEvery: 3 });
    const command = (commandId: string, status: AgentStatus | undefined): PresenceCommand => status === undefined
      ? { type: 'PutAgentProfile', data: { agentId: 'a1', displayName: 'Ada', teams: ['sales'], maxConcurrentConversations: 2 }, metadata: { ...meta({ kind: 'admin', id: 'x' }), commandId } }
      : { type: 'SetAgentStatus', data: { agentId: 'a1', status }, metadata: { ...meta({ kind: 'agent', id: 'a1' }), commandId } };
    await runner().run(agentStreamId('a1'), command('k0', undefined));
    for (let i = 1; i <= 7; i++) await runner().run(agentStreamId('a1'), command(`k${i}`, STATUSES[i % 3]));
    const sound = (await storage.snapshots.read(agentStreamId('a1')))!;
    const forged = JSON.stringify({ ...JSON.parse(sound.state), status: 'online', teams: ['everyone'] });
    await storage.snapshots.write(sealSnapshot({ ...sound, state: forged, eventId: 'not-the-event-at-that-revision' }));

    const outcome = await runner().run(agentStreamId('a1'), command('k-new', STATUSES[7 % 3]));

    expect(outcome).toMatchObject({ appended: 0, state: await fullReplay(store, 'a1') });
    expect(JSON.parse((await storage.snapshots.read(agentStreamId('a1')))!.state)).toEqual(await fullReplay(store, 'a1'));
    await store.close();
  });
});
