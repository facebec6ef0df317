import { describe, expect, it } from '@jest/globals';
import type { AgentStatus } from '@app/kernel';
import { leastLoadedPolicy } from './routing-policy.js';
import { RoutingView } from './routing-view.js';

const agent = (agentId: string, status: AgentStatus, open: string[] = [], revision = 1, teams = ['sales'], max = 2) =>
  ({ agentId, teams, status, maxConcurrentConversations: max, openConversations: open, revision });

const pick = (view: RoutingView, team = 'sales', excluded?: Set<string>) => leastLoadedPolicy.selectAgent(view, team, excluded);

describe('choosing an agent', () => {
  it('routes nothing to an agent who is away', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'away'));
    expect(pick(view)).toBeUndefined();
  });

  it('routes nothing to an agent who is offline', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'offline'));
    expect(pick(view)).toBeUndefined();
  });

  it('routes nothing to an agent at capacity', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', ['c1', 'c2']));
    expect(pick(view)).toBeUndefined();
  });

  it('routes nothing to an agent of another team', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', [], 1, ['billing']));
    expect(pick(view, 'sales')).toBeUndefined();
    expect(pick(view, 'billing')).toBe('a1');
  });

  it('picks the least loaded eligible agent', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', ['c1']));
    view.upsertAgent(agent('a2', 'online', []));
    expect(pick(view)).toBe('a2');
  });

  it('picks the one idle longest among equally loaded agents', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online'));
    view.upsertAgent(agent('a2', 'online'));
    expect(pick(view)).toBe('a1');
    view.upsertAgent(agent('a1', 'online', ['c1'], 2));
    view.upsertAgent(agent('a1', 'online', [], 3));
    expect(pick(view)).toBe('a2');
  });

  it('skips agents it was told to exclude', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online'));
    view.upsertAgent(agent('a2', 'online'));
    expect(pick(view, 'sales', new Set(['a1']))).toBe('a2');
  });

  it('drops a stale or repeated availability message', () => {
    const view = new RoutingView();
    expect(view.upsertAgent(agent('a1', 'online', [], 5))).toBe(true);
    expect(view.upsertAgent(agent('a1', 'away', [], 4))).toBe(false);
    expect(view.upsertAgent(agent('a1', 'away', [], 5))).toBe(false);
    expect(pick(view)).toBe('a1');
  });

  it('counts its own assignment before the confirming message arrives', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', [], 1, ['sales'], 1));
    view.noteAssigned('a1', 'c1');
    expect(pick(view)).toBeUndefined();
    expect(view.upsertAgent(agent('a1', 'online', ['c1'], 2, ['sales'], 1))).toBe(true);
    expect(pick(view)).toBeUndefined();
  });

  it('counts its own release before the confirming message arrives', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', ['c1'], 1, ['sales'], 1));
    expect(pick(view)).toBeUndefined();
    view.noteReleased('a1', 'c1');
    expect(pick(view)).toBe('a1');
  });

  it('does not make an away agent eligible by a release', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'away', ['c1'], 1, ['sales'], 1));
    view.noteReleased('a1', 'c1');
    expect(pick(view)).toBeUndefined();
  });

  it('leaves the team roster when the agent leaves the team', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', [], 1, ['sales', 'billing']));
    view.upsertAgent(agent('a1', 'online', [], 2, ['billing']));
    expect(pick(view, 'sales')).toBeUndefined();
    expect(pick(view, 'billing')).toBe('a1');
  });
});

describe('what the view tells of an agent', () => {
  it('is the availability it was told, amended by its own notes', () => {
    const view = new RoutingView();
    const told = agent('a1', 'online', ['c1'], 4, ['sales'], 3);
    view.upsertAgent(told);
    expect(view.agent('a1')).toBe(told);
    view.noteAssigned('a1', 'c2');
    view.noteAssigned('a1', 'c3');
    view.noteReleased('a1', 'c1');
    expect(view.agent('a1')).toEqual({ ...told, openConversations: ['c2', 'c3'] });
  });

  it('does not change what it handed out before', () => {
    const view = new RoutingView();
    const told = agent('a1', 'online', ['c1'], 1, ['sales'], 3);
    view.upsertAgent(told);
    const before = view.agent('a1');
    view.noteAssigned('a1', 'c2');
    const between = view.agent('a1');
    view.noteReleased('a1', 'c1');
    expect(told.openConversations).toEqual(['c1']);
    expect(before?.openConversations).toEqual(['c1']);
    expect(between?.openConversations).toEqual(['c1', 'c2']);
    expect(view.agent('a1')?.openConversations).toEqual(['c2']);
  });

  it('ignores a repeated assignment and a release of what is not open', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', [], 1, ['sales'], 3));
    view.upsertAgent(agent('a2', 'online', [], 1, ['sales'], 3));
    view.noteAssigned('a1', 'c1');
    view.noteAssigned('a1', 'c1');
    view.noteReleased('a1', 'c9');
    expect(view.agent('a1')?.openConversations).toEqual(['c1']);
    expect(pick(view)).toBe('a2');
  });
});

describe('team changes', () => {
  it('keeps an agent its place in a team it stays in', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', [], 1, ['sales', 'billing']));
    view.upsertAgent(agent('a2', 'online', [], 1, ['billing']));
    view.upsertAgent(agent('a1', 'online', [], 2, ['billing']));
    expect(pick(view, 'billing')).toBe('a1');
  });

  it('puts an agent who joins a team behind those already idle there', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', [], 1, ['sales']));
    view.upsertAgent(agent('a2', 'online', [], 1, ['billing']));
    view.upsertAgent(agent('a1', 'online', [], 2, ['billing']));
    expect(pick(view, 'billing')).toBe('a2');
    expect(pick(view, 'sales')).toBeUndefined();
  });

  it('gives a slot freed by one agent to another without mixing them up', () => {
    const view = new RoutingView();
    view.upsertAgent(agent('a1', 'online', [], 1, ['sales']));
    view.upsertAgent(agent('a1', 'online', [], 2, ['billing']));
    view.upsertAgent(agent('a2', 'online', ['c1'], 1, ['sales']));
    view.upsertAgent(agent('a1', 'online', [], 3, ['sales']));
    expect(pick(view, 'sales')).toBe('a1');
    view.noteUnavailable('a1');
    expect(pick(view, 'sales')).toBe('a2');
  });
});

describe('queues', () => {
  const conversation = (conversationId: string, priority = 0, team = 'sales') =>
    ({ kind: 'queued' as const, conversationId, team, priority, queuedAt: '2026-11-25T10:00:00Z' });

  it('orders by priority, then age', () => {
    const view = new RoutingView();
    view.trackConversation(conversation('old'));
    view.trackConversation(conversation('urgent', 5));
    view.trackConversation(conversation('new'));
    expect(view.queueOf('sales').map((c) => c.conversationId)).toEqual(['urgent', 'old', 'new']);
    expect(view.queuePosition('new')).toBe(3);
    expect(view.queueHead('sales')?.conversationId).toBe('urgent');
  });

  it('leaves the queue once assigned, and moves queue on transfer', () => {
    const view = new RoutingView();
    view.trackConversation(conversation('c1'));
    view.trackConversation({ ...conversation('c1'), kind: 'assigned', agentId: 'a1', assignedAt: 'x' });
    expect(view.queueOf('sales')).toEqual([]);
    view.trackConversation(conversation('c1', 0, 'billing'));
    expect(view.queueOf('billing').map((c) => c.conversationId)).toEqual(['c1']);
  });

  it('lists teams where a queue can drain', () => {
    const view = new RoutingView();
    view.trackConversation(conversation('c1'));
    expect([...view.drainableTeams()]).toEqual([]);
    view.upsertAgent(agent('a1', 'online'));
    expect([...view.drainableTeams()]).toEqual(['sales']);
  });
});
