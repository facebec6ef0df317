import { positionOf } from '@app/event-store';
import type { Actor, AgentStatus } from '@app/kernel';
import { PRESENCE_EVENT_SCHEMA_VERSION, type PresenceEvent } from '@app/presence-domain';
import { AvailabilityReadModel } from './availability-read-model.js';

/** Events as the deciders write them (the domain's spec builders, which apps do not reach). */
const metadata = (actor: Actor) => ({
  schemaVersion: PRESENCE_EVENT_SCHEMA_VERSION, occurredAt: '2026-11-25T09:00:00.000Z', actor, causationId: 'cmd-1', correlationId: 'corr-1',
});
const admin: Actor = { kind: 'admin', id: 'admin-1' };
const registered = (agentId: string, teams: string[]): PresenceEvent => ({
  type: 'AgentRegistered', data: { agentId, displayName: 'Ada', teams, maxConcurrentConversations: 2 }, metadata: metadata(admin),
});
const profileChanged = (agentId: string, teams: string[], max: number): PresenceEvent => ({
  type: 'AgentProfileChanged', data: { agentId, displayName: 'Ada', teams, maxConcurrentConversations: max }, metadata: metadata(admin),
});
const changed = (agentId: string, from: AgentStatus, to: AgentStatus): PresenceEvent => ({
  type: 'AgentStatusChanged', data: { agentId, from, to, reason: null, reasonCode: null }, metadata: metadata({ kind: 'agent', id: agentId }),
});

describe('the availability read model during a batch', () => {
  let model: AvailabilityReadModel;

  beforeEach(() => {
    model = new AvailabilityReadModel(':memory:');
  });

  afterEach(() => model.close());

  it('shows a batch to its readers before the commit: one agent, the list by team and status, the checkpoint', () => {
    model.beginBatch();
    model.apply(registered('a1', ['sales']), 0, positionOf(1));
    model.apply(changed('a1', 'offline', 'online'), 1, positionOf(2));

    expect(model.get('a1')).toMatchObject({ status: 'online', revision: 1, position: '2/2' });
    expect(model.list({ team: 'sales', status: 'online' }).map((agent) => agent.agentId)).toEqual(['a1']);
    expect(model.checkpoint()).toEqual(positionOf(2));
    model.commitBatch();
    expect(model.get('a1')).toMatchObject({ status: 'online', revision: 1 });
  });

  it('drops a rolled-back batch with its checkpoint, so the projection replays it', () => {
    model.apply(registered('a1', ['sales']), 0, positionOf(1));
    model.beginBatch();
    model.apply(changed('a1', 'offline', 'online'), 1, positionOf(2));
    model.rollbackBatch();

    expect(model.get('a1')).toMatchObject({ status: 'offline', revision: 0 });
    expect(model.checkpoint()).toEqual(positionOf(1));
  });

  it('moves an agent between team lists when its teams change inside a batch', () => {
    model.beginBatch();
    model.apply(registered('a1', ['sales']), 0, positionOf(1));
    model.commitBatch();
    model.beginBatch();
    model.apply(profileChanged('a1', ['support'], 2), 1, positionOf(2));
    model.commitBatch();

    expect(model.list({ team: 'sales' })).toEqual([]);
    expect(model.list({ team: 'support' }).map((agent) => agent.agentId)).toEqual(['a1']);
  });
});

describe('a floor snapshot', () => {
  let model: AvailabilityReadModel;

  beforeEach(() => {
    model = new AvailabilityReadModel(':memory:');
  });

  afterEach(() => model.close());

  it('holds every registered agent as the model shows it, at the checkpoint it was taken', () => {
    model.apply(registered('a2', ['sales']), 0, positionOf(1));
    model.apply(registered('a1', ['support']), 0, positionOf(2));
    model.apply(changed('a2', 'offline', 'online'), 1, positionOf(3));
    model.snapshotFloor();

    const snapshot = model.floorSnapshotBefore(new Date('2026-11-25T09:00:00.000Z'));
    expect(snapshot?.position).toEqual(positionOf(3));
    expect(snapshot?.latestOccurredAt).toBe('2026-11-25T09:00:00.000Z');
    const byId = (a: { agentId: string }, b: { agentId: string }) => a.agentId.localeCompare(b.agentId);
    expect([...(snapshot?.agents ?? [])].sort(byId)).toEqual([model.get('a1'), model.get('a2')]);
  });

  it('is not taken before the model has applied anything', () => {
    model.snapshotFloor();
    expect(model.floorSnapshotBefore(new Date('2030-01-01T00:00:00.000Z'))).toBeUndefined();
  });
});
