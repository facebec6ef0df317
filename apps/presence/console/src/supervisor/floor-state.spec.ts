import type { AgentAvailability, FloorChange } from '../api-types.js';
import { applyConnectionChange, applyFloorChange, byTeam, floorStateOf, type FloorState } from './floor-state.js';

const ada: AgentAvailability = {
  agentId: 'ada', displayName: 'Ada', teams: ['sales'], maxConcurrentConversations: 2, status: 'online',
  since: '2026-03-01T09:00:00.000Z', setBy: { kind: 'agent', id: 'ada', reason: 'shift start' }, openConversations: [],
  revision: 1, position: '2/2',
};

let sequence = 10;
const change = (type: string, data: Record<string, unknown>, actor = { kind: 'agent', id: 'ada' }): FloorChange => {
  sequence++;
  return { position: `${sequence}/${sequence}`, revision: sequence, eventId: `e${sequence}`, type, agentId: String(data.agentId ?? 'ada'),
    occurredAt: `2026-03-01T10:00:${String(sequence).padStart(2, '0')}.000Z`, actor, data: { agentId: 'ada', ...data } };
};

const given = (...agents: AgentAvailability[]) => ({
  when: (...changes: FloorChange[]) => changes.reduce<FloorState>((state, next) => applyFloorChange(state, next).state, floorStateOf(agents, '2/2')),
});

describe('the live floor', () => {
  it('shows an agent going away with the time and the reason', () => {
    const state = given(ada).when(change('AgentStatusChanged', { from: 'online', to: 'away', reason: 'lunch' }));
    expect(state.agents.get('ada')).toMatchObject({ status: 'away', since: '2026-03-01T10:00:11.000Z', setBy: { kind: 'agent', reason: 'lunch' } });
    expect(state.position).toBe('11/11');
  });

  it('names the supervisor and the reason of an override', () => {
    const state = given(ada).when(change('AgentStatusOverridden', { from: 'online', to: 'offline', reason: 'sick leave', supervisorId: 'sup-1' },
      { kind: 'supervisor', id: 'sup-1' }));
    expect(state.agents.get('ada')?.setBy).toEqual({ kind: 'supervisor', id: 'sup-1', reason: 'sick leave', reasonCode: null });
  });

  it('adds a newly registered agent, offline, and follows profile changes', () => {
    const state = given(ada).when(
      change('AgentRegistered', { agentId: 'bob', displayName: 'Bob', teams: ['sales'], maxConcurrentConversations: 1 }),
      change('AgentProfileChanged', { agentId: 'bob', displayName: 'Bob B.', teams: ['billing'], maxConcurrentConversations: 3 }),
    );
    expect(state.agents.get('bob')).toMatchObject({ displayName: 'Bob B.', teams: ['billing'], status: 'offline', maxConcurrentConversations: 3 });
  });

  it('counts open conversations as they are assigned and released', () => {
    const state = given(ada).when(
      change('AgentConversationAssigned', { conversationId: 'c1', team: 'sales' }),
      change('AgentConversationAssigned', { conversationId: 'c2', team: 'sales' }),
      change('AgentConversationReleased', { conversationId: 'c1', reason: 'closed' }),
    );
    expect(state.agents.get('ada')?.openConversations).toEqual(['c2']);
  });

  it('asks the API about a change it does not know rather than guessing', () => {
    const update = applyFloorChange(floorStateOf([ada], '2/2'), change('AgentConnectionLost', {}));
    expect(update).toMatchObject({ kind: 'refetch', agentId: 'ada' });
    expect(update.state.agents.get('ada')).toEqual(ada);
  });

  it("shows an agent's console connecting and disconnecting without moving the feed position, and ignores agents it does not show", () => {
    const connected = applyConnectionChange(floorStateOf([ada], '2/2'), { type: 'connection', agentId: 'ada', connected: true, lastSeenAt: '2026-03-01T10:00:00.000Z' });
    expect(connected.agents.get('ada')).toMatchObject({ connected: true, lastSeenAt: '2026-03-01T10:00:00.000Z', status: 'online' });
    expect(connected.position).toBe('2/2');
    const stranger = applyConnectionChange(connected, { type: 'connection', agentId: 'zed', connected: true, lastSeenAt: null });
    expect(stranger).toBe(connected);
  });

  it('groups agents by team in name order, an agent of two teams in both', () => {
    const bob = { ...ada, agentId: 'bob', displayName: 'Bob', teams: ['billing', 'sales'] };
    const groups = byTeam(floorStateOf([bob, ada], null));
    expect(groups.map(([team, agents]) => [team, agents.map((agent) => agent.agentId)])).toEqual([['billing', ['bob']], ['sales', ['ada', 'bob']]]);
    expect(byTeam(floorStateOf([bob, ada], null), ['billing']).map(([team]) => team)).toEqual(['billing']);
  });
});
