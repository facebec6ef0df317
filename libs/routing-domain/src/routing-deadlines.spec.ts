import { describe, expect, it } from '@jest/globals';
import type { AgentStatus } from '@app/kernel';
import { evolveConversation } from './conversation.js';
import type { ConversationEvent } from './conversation-events.js';
import { initialConversation } from './conversation-state.js';
import { NOW, at } from './routing.spec-support.js';
import { accepted, assigned, expired, offered, queued } from './conversation.spec-support.js';
import { deadlinesIn, dueAt, dueFor, dueForAgent } from './routing-deadlines.js';
import { RoutingView } from './routing-view.js';
import { DEFAULT_TEAM_ROUTING_SETTINGS } from './team-routing-settings.js';

const agent = (agentId: string, status: AgentStatus, unavailableSince: Date | null = null, revision = 1) =>
  ({ agentId, teams: ['sales'], status, maxConcurrentConversations: 2, openConversations: [], revision,
    unavailableSince: unavailableSince?.toISOString() ?? null });

/** A view built the way a (re)started routing process builds it: agents, team settings, then the conversation's events. */
const viewFrom = (agents: ReturnType<typeof agent>[], conversation: ConversationEvent[], graceSeconds: number | null = null) => {
  const view = new RoutingView();
  view.applyTeamSettings('sales', { ...DEFAULT_TEAM_ROUTING_SETTINGS, routingMode: 'offer', reassignAfterSeconds: graceSeconds });
  for (const a of agents) view.upsertAgent(a);
  let state = initialConversation();
  for (const event of conversation) view.trackConversation(state = evolveConversation(state, event));
  return view;
};

const ringing = [queued(), offered('a1', at(30))];

describe('offers falling due', () => {
  it('has nothing due before the offer\'s deadline', () =>
    expect(dueAt(viewFrom([agent('a1', 'online')], ringing), at(29))).toEqual([]));

  it('expires the offer at its deadline', () =>
    expect(dueAt(viewFrom([agent('a1', 'online')], ringing), at(30))).toEqual([
      { kind: 'expire-offer', conversationId: 'c1', team: 'sales', agentId: 'a1', dueAt: at(30).toISOString() },
    ]));

  it('finds the offers that expired while routing was down, from the events alone', () =>
    expect(dueAt(viewFrom([agent('a1', 'online')], ringing), at(3_600)).map((work) => work.kind)).toEqual(['expire-offer']));

  it('takes the offer back at once from an agent who went away before its deadline', () =>
    expect(dueAt(viewFrom([agent('a1', 'away', at(10))], ringing), at(11))).toEqual([
      { kind: 'rescind-offer', conversationId: 'c1', team: 'sales', agentId: 'a1' },
    ]));

  it('counts as missed an offer whose deadline passed before the agent went away', () =>
    expect(dueAt(viewFrom([agent('a1', 'offline', at(45))], ringing), at(50)).map((work) => work.kind)).toEqual(['expire-offer']));

  it('has nothing due once the offer ended', () => {
    expect(dueAt(viewFrom([agent('a1', 'online')], [...ringing, accepted('a1', at(5))]), at(60))).toEqual([]);
    expect(dueAt(viewFrom([agent('a1', 'online')], [...ringing, expired('a1', at(30), at(30))]), at(60))).toEqual([]);
  });
});

describe('conversations of an absent agent falling due for re-queueing', () => {
  const holding = [queued(), assigned('a1', at(1))];

  it('re-queues after the team\'s grace, counted from when the agent left online', () => {
    const view = viewFrom([agent('a1', 'away', at(100))], holding, 300);
    expect(dueAt(view, at(399))).toEqual([]);
    expect(dueAt(view, at(400))).toEqual([
      { kind: 'requeue', conversationId: 'c1', team: 'sales', agentId: 'a1', dueAt: at(400).toISOString() },
    ]);
  });

  it('re-queues nothing for an agent back online within the grace', () => {
    const view = viewFrom([agent('a1', 'away', at(100))], holding, 300);
    view.upsertAgent(agent('a1', 'online', null, 2));
    expect(dueAt(view, at(500))).toEqual([]);
  });

  it('re-queues nothing in a team without a grace: the agent concludes its own conversations', () =>
    expect(dueAt(viewFrom([agent('a1', 'offline', at(100))], holding, null), at(100_000))).toEqual([]));

  it('re-queues immediately with a grace of 0', () =>
    expect(dueAt(viewFrom([agent('a1', 'offline', at(100))], holding, 0), at(100)).map((work) => work.kind)).toEqual(['requeue']));

  it('re-queues nothing for an agent whose unavailability is not known (an older availability message)', () => {
    const view = viewFrom([], holding, 0);
    view.upsertAgent({ agentId: 'a1', teams: ['sales'], status: 'away', maxConcurrentConversations: 2, openConversations: ['c1'], revision: 1 });
    expect(dueAt(view, at(100_000))).toEqual([]);
  });
});

describe('the deadlines to wake up for', () => {
  it('are the offer deadlines and the grace deadlines, by conversation', () => {
    const view = viewFrom([agent('a1', 'online'), agent('a2', 'away', at(-250))], ringing, 300);
    view.trackConversation({ kind: 'assigned', conversationId: 'c2', team: 'sales', agentId: 'a2' });
    expect([...deadlinesIn(view)]).toEqual([{ conversationId: 'c1', at: at(30).getTime() }, { conversationId: 'c2', at: at(50).getTime() }]);
    view.applyTeamSettings('sales', { ...DEFAULT_TEAM_ROUTING_SETTINGS, reassignAfterSeconds: 260 });
    expect([...deadlinesIn(view)].map((deadline) => deadline.at)).toEqual([at(30).getTime(), at(10).getTime()]);
  });

  it('are none when no offer is pending and nobody absent holds a conversation', () =>
    expect([...deadlinesIn(viewFrom([agent('a1', 'online')], [queued(), assigned('a1')], 300))]).toEqual([]));

  it("include the offer's deadline as its event wrote it", () =>
    expect([...deadlinesIn(viewFrom([agent('a1', 'online')], ringing))]).toEqual([{ conversationId: 'c1', at: Date.parse(NOW.toISOString()) + 30_000 }]));
});

describe('what falls due for one conversation, when its deadline passes', () => {
  it('is what the full sweep finds for it, and nothing before its deadline', () => {
    const view = viewFrom([agent('a1', 'online')], ringing);
    expect(dueFor(view, 'c1', at(29))).toBeUndefined();
    expect(dueFor(view, 'c1', at(30))).toEqual(dueAt(view, at(30))[0]);
  });

  it("is the re-queue of an absent agent's conversation once the grace ran out", () =>
    expect(dueFor(viewFrom([agent('a1', 'away', at(0))], [queued(), assigned('a1')], 60), 'c1', at(60))).toMatchObject({ kind: 'requeue', agentId: 'a1' }));

  it('is nothing for a conversation that is neither offered nor held', () => expect(dueFor(viewFrom([], [queued()]), 'c1', at(60))).toBeUndefined());
});

describe('what falls due for one agent, on its availability message', () => {
  it('finds the same work as the full sweep, for that agent only', () => {
    const view = viewFrom([agent('a1', 'away', at(10)), agent('a2', 'away', at(10))], ringing, 0);
    view.upsertAgent({ ...agent('a1', 'away', at(10), 2), pendingOffers: ['c1'], openConversations: ['c2'] });
    view.trackConversation({ kind: 'assigned', conversationId: 'c2', team: 'sales', agentId: 'a1' });
    view.trackConversation({ kind: 'assigned', conversationId: 'c3', team: 'sales', agentId: 'a2' });
    expect(dueForAgent(view, 'a1', at(11)).map(({ kind, conversationId }) => [kind, conversationId]))
      .toEqual([['rescind-offer', 'c1'], ['requeue', 'c2']]);
    expect(dueAt(view, at(11)).filter((work) => work.agentId === 'a1')).toEqual(dueForAgent(view, 'a1', at(11)));
  });

  it('ignores what the agent lists but the conversation no longer says is its', () => {
    const view = viewFrom([agent('a1', 'away', at(10))], [...ringing, expired('a1', at(30), at(5))], 0);
    view.upsertAgent({ ...agent('a1', 'away', at(10), 2), pendingOffers: ['c1'], openConversations: ['c9'] });
    expect(dueForAgent(view, 'a1', at(11))).toEqual([]);
  });

  it('finds nothing for an agent it never heard of', () => expect(dueForAgent(new RoutingView(), 'ghost', NOW)).toEqual([]));
});
