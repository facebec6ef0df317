import { describe, expect, it } from '@jest/globals';
import type { AgentStatus } from '@app/kernel';
import { nextOfferee } from './offer-choice.js';
import { leastLoadedPolicy, roundRobinPolicy } from './routing-policy.js';
import { RoutingView } from './routing-view.js';
import type { PassedOver } from './conversation-state.js';

const agent = (agentId: string, status: AgentStatus, max = 1, extra: { open?: string[]; offers?: string[]; revision?: number } = {}) =>
  ({ agentId, teams: ['sales'], status, maxConcurrentConversations: max, openConversations: extra.open ?? [],
    pendingOffers: extra.offers, revision: extra.revision ?? 1 });

const given = (...agents: ReturnType<typeof agent>[]) => {
  const view = new RoutingView();
  for (const a of agents) view.upsertAgent(a);
  return view;
};
const pick = (view: RoutingView) => leastLoadedPolicy.selectAgent(view, 'sales');

describe('offers and capacity in the routing view', () => {
  it('counts an offer it just made against the agent\'s capacity', () => {
    const view = given(agent('a1', 'online', 1));
    view.noteOffered('a1', 'c1');
    expect(pick(view)).toBeUndefined();
  });

  it('frees the unit when the offer ends unaccepted', () => {
    const view = given(agent('a1', 'online', 1));
    view.noteOffered('a1', 'c1');
    view.noteOfferEnded('a1', 'c1');
    expect(pick(view)).toBe('a1');
  });

  it('keeps the unit for the conversation once the offer is accepted', () => {
    const view = given(agent('a1', 'online', 1));
    view.noteOffered('a1', 'c1');
    view.noteOfferAccepted('a1', 'c1');
    expect(pick(view)).toBeUndefined();
    expect(view.agent('a1')).toMatchObject({ openConversations: ['c1'] });
    expect(view.agent('a1')?.pendingOffers).toBeUndefined();
  });

  it('prefers an idle agent to one being offered a conversation', () => {
    const view = given(agent('a1', 'online', 3), agent('a2', 'online', 3));
    view.noteOffered('a1', 'c1');
    expect(pick(view)).toBe('a2');
  });

  it('counts the pending offers an availability message lists', () => {
    const view = given(agent('a1', 'online', 2, { open: ['c1'], offers: ['c2'] }));
    expect(pick(view)).toBeUndefined();
    expect(view.agent('a1')?.pendingOffers).toEqual(['c2']);
  });

  it('lets the next availability message replace what its notes said', () => {
    const view = given(agent('a1', 'online', 1));
    view.noteOffered('a1', 'c1');
    view.upsertAgent(agent('a1', 'online', 1, { revision: 2 }));
    expect(pick(view)).toBe('a1');
  });
});

describe('choosing whom to offer a conversation', () => {
  const passed = (...agentIds: string[]): PassedOver[] => agentIds.map((agentId) => ({ agentId, outcome: 'declined' }));
  const offeree = (view: RoutingView, passedOver: PassedOver[], refused?: Set<string>) =>
    nextOfferee(leastLoadedPolicy, view, 'sales', passedOver, refused);

  it('offers it to the policy\'s choice when nobody passed it over', () =>
    expect(offeree(given(agent('a1', 'online'), agent('a2', 'online')), [])).toBe('a1'));

  it('does not offer it again to an agent who declined or missed it while another is eligible', () =>
    expect(offeree(given(agent('a1', 'online'), agent('a2', 'online')), [{ agentId: 'a1', outcome: 'missed' }])).toBe('a2'));

  it('offers it again to one who passed it over when nobody else is eligible', () =>
    expect(offeree(given(agent('a1', 'online'), agent('a2', 'away')), passed('a1'))).toBe('a1'));

  it('skips agents whose reservation was just refused, in both rounds', () => {
    const view = given(agent('a1', 'online'), agent('a2', 'online'));
    expect(offeree(view, passed('a1'), new Set(['a2']))).toBe('a1');
    expect(offeree(view, passed('a1'), new Set(['a1', 'a2']))).toBeUndefined();
  });

  it('finds nobody when nobody is eligible', () => expect(offeree(given(agent('a1', 'offline')), passed('a1'))).toBeUndefined());
});

describe('the queue around offers', () => {
  const waiting = (conversationId: string, minute: number) =>
    ({ kind: 'queued' as const, conversationId, team: 'sales', priority: 0, queuedAt: `2026-11-25T10:0${minute}:00.000Z` });

  it('takes an offered conversation out of the queue and puts it back at its old place when the offer ends', () => {
    const view = new RoutingView();
    view.trackConversation(waiting('c1', 1));
    view.trackConversation({ ...waiting('c1', 1), kind: 'offered', agentId: 'a1', offerExpiresAt: '2026-11-25T10:01:30.000Z' });
    view.trackConversation(waiting('c2', 2));
    expect(view.queueOf('sales').map((c) => c.conversationId)).toEqual(['c2']);
    expect(view.pendingOffer('c1')).toMatchObject({ agentId: 'a1' });
    view.trackConversation(waiting('c1', 1));
    expect(view.queueOf('sales').map((c) => c.conversationId)).toEqual(['c1', 'c2']);
    expect(view.pendingOffer('c1')).toBeUndefined();
  });

  it('puts a re-queued conversation ahead of newer ones of its priority', () => {
    const view = new RoutingView();
    view.trackConversation({ kind: 'assigned', conversationId: 'c1', team: 'sales', agentId: 'a1' });
    view.trackConversation(waiting('c2', 2));
    expect([...view.heldConversations()]).toEqual([{ conversationId: 'c1', team: 'sales', agentId: 'a1' }]);
    view.trackConversation(waiting('c1', 1));
    expect(view.queueOf('sales').map((c) => c.conversationId)).toEqual(['c1', 'c2']);
    expect([...view.heldConversations()]).toEqual([]);
  });
});

describe('round-robin with offers', () => {
  const offered = (conversationId: string, agentId: string) => ({
    kind: 'offered' as const, conversationId, team: 'sales', priority: 0, queuedAt: '2026-11-25T10:00:00.000Z', agentId,
    offerExpiresAt: '2026-11-25T10:00:30.000Z',
  });
  const assigned = (conversationId: string, agentId: string) => ({ kind: 'assigned' as const, conversationId, team: 'sales', agentId });

  it('moves the rotation on when an agent is offered a conversation, and not again when it accepts', () => {
    const view = given(agent('a1', 'online', 3), agent('a2', 'online', 3), agent('a3', 'online', 3));
    view.trackConversation(offered('c1', 'a1'));
    view.trackConversation(offered('c2', 'a2'));
    view.trackConversation(assigned('c1', 'a1'));
    expect(roundRobinPolicy.selectAgent(view, 'sales')).toBe('a3');
  });
});
