import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@app/event-store';
import type { CommandMetadata } from '@app/kernel';
import { StreamRunner } from '@app/platform';
import { presenceDecider } from '@app/presence-domain';
import {
  DEFAULT_TEAM_ROUTING_SETTINGS, conversationDecider, dueAt, dueForAgent, type Conversation, type DueWork, type OfferEndWork, type RequeueWork,
} from '@app/routing-domain';
import { routingConfigFrom } from '../routing-config.js';
import { RoutingState } from '../routing-state.js';
import { OfferRouting } from './offer-routing.js';

const T0 = new Date('2026-11-25T10:00:00.000Z');
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

/** Two routing instances (each its own state and steps) on one SQLite store, with a clock the test moves. */
const floor = (store: SqliteEventStore) => {
  let now = T0;
  const agents = new StreamRunner(store, presenceDecider);
  const conversations = new StreamRunner(store, conversationDecider);
  const instance = () => {
    const state = new RoutingState(routingConfigFrom({}));
    state.view.applyTeamSettings('sales', { ...DEFAULT_TEAM_ROUTING_SETTINGS, routingMode: 'offer', offerTimeoutSeconds: 30 });
    return { state, offers: new OfferRouting(state, conversations, agents, () => now) };
  };
  const meta = (commandId: string): CommandMetadata => ({ now, actor: { kind: 'admin', id: 'admin' }, commandId, correlationId: commandId });
  return {
    agents, conversations, routers: [instance(), instance()],
    at: (instant: Date) => { now = instant; },
    /** An agent online in sales with room for `max`. */
    online: async (agentId: string, max = 1) => {
      await agents.run({ type: 'PutAgentProfile', data: { agentId, displayName: agentId, teams: ['sales'], maxConcurrentConversations: max }, metadata: meta(`reg-${agentId}`) });
      // By the agent itself: the system may set away only an agent who chose online (a person's word stands).
      await agents.run({ type: 'SetAgentStatus', data: { agentId, status: 'online' }, metadata: { ...meta(`on-${agentId}`), actor: { kind: 'agent', id: agentId } } });
    },
    away: (agentId: string) => agents.run({ type: 'SetAgentStatus', data: { agentId, status: 'away' }, metadata: { ...meta(`away-${agentId}`), actor: { kind: 'agent', id: agentId } } }),
    queue: (conversationId: string) =>
      conversations.run({ type: 'QueueConversation', data: { conversationId, team: 'sales', priority: 0 }, metadata: meta(`q-${conversationId}`) }),
    accept: (conversationId: string, agentId: string) =>
      ({ type: 'AcceptOffer' as const, data: { conversationId, agentId }, metadata: { ...meta(`acc-${conversationId}-${agentId}`), actor: { kind: 'agent' as const, id: agentId } } }),
    decline: (conversationId: string, agentId: string) =>
      ({ type: 'DeclineOffer' as const, data: { conversationId, agentId }, metadata: { ...meta(`dec-${conversationId}-${agentId}`), actor: { kind: 'agent' as const, id: agentId } } }),
  };
};

/** What an availability message would tell every routing instance about the agent. */
const see = async (f: ReturnType<typeof floor>, ...agentIds: string[]) => {
  for (const agentId of agentIds) {
    const { state, expected } = await f.agents.load(agentId);
    if (state.kind !== 'registered') throw new Error(`${agentId} is not registered`);
    for (const { state: view } of f.routers) view.view.upsertAgent({ ...state, revision: expected as number });
  }
};
const agentState = async (f: ReturnType<typeof floor>, agentId: string) => (await f.agents.load(agentId)).state;
const conversationEvents = async (f: ReturnType<typeof floor>, conversationId: string) =>
  (await f.conversations.load(conversationId)).events.map(({ event }) => event.type);
const offerEnd = (work: DueWork | undefined): OfferEndWork => {
  if (work?.kind !== 'expire-offer' && work?.kind !== 'rescind-offer') throw new Error(`expected an offer's end, got ${JSON.stringify(work)}`);
  return work;
};
const requeueOf = (work: DueWork | undefined): RequeueWork => {
  if (work?.kind !== 'requeue') throw new Error(`expected a re-queue, got ${JSON.stringify(work)}`);
  return work;
};
/** What the conversation subscription would tell a routing instance. */
const sync = async (f: ReturnType<typeof floor>, router: { state: RoutingState }, conversationId: string) => {
  const { state, expected } = await f.conversations.load(conversationId);
  router.state.applyState(conversationId, state, expected as number);
};
const offeredTo = (conversation: Conversation) => (conversation.kind === 'offered' ? conversation.agentId : undefined);

describe('offers on the embedded store (draft app steps, two routing instances)', () => {
  let store: SqliteEventStore;
  let f: ReturnType<typeof floor>;
  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    f = floor(store);
    await f.online('a1');
    await f.online('a2');
    await see(f, 'a1', 'a2');
    await f.queue('c1');
  });
  afterEach(() => store.close());

  it('offers to one agent, who accepts: assigned, and the reserved unit now holds the conversation', async () => {
    const [{ offers }] = f.routers;
    expect(offeredTo(await offers.offer('c1'))).toBe('a1');
    expect(await agentState(f, 'a1')).toMatchObject({ pendingOffers: ['c1'], openConversations: [] });
    f.at(seconds(10));
    const accepted = await offers.accept(f.accept('c1', 'a1'));
    expect(accepted.state).toMatchObject({ kind: 'assigned', agentId: 'a1' });
    expect(await agentState(f, 'a1')).toMatchObject({ pendingOffers: [], openConversations: ['c1'], consecutiveMissedOffers: 0 });
  });

  it('offers a declined conversation to the next agent at once', async () => {
    const [{ offers }] = f.routers;
    await offers.offer('c1');
    const { conversation } = await offers.decline(f.decline('c1', 'a1'));
    expect(offeredTo(conversation)).toBe('a2');
    expect(await agentState(f, 'a1')).toMatchObject({ pendingOffers: [], consecutiveMissedOffers: 0 });
  });

  it('expires a missed offer once across two instances, sets the agent away by the system, and offers it to the next agent', async () => {
    const [first, second] = f.routers;
    await first.offers.offer('c1');
    await see(f, 'a1');
    await sync(f, second, 'c1');
    f.at(seconds(30));
    const firstDue = dueAt(first.state.view, seconds(30));
    const secondDue = dueAt(second.state.view, seconds(30));
    expect(firstDue.map((work) => work.kind)).toEqual(['expire-offer']);
    await Promise.all([first.offers.end(offerEnd(firstDue[0])), second.offers.end(offerEnd(secondDue[0]))]);
    const events = await conversationEvents(f, 'c1');
    expect(events.filter((type) => type === 'OfferExpired')).toHaveLength(1);
    expect(events.at(-1)).toBe('ConversationOffered');
    expect(offeredTo((await f.conversations.load('c1')).state)).toBe('a2');
    expect(await agentState(f, 'a1')).toMatchObject({ status: 'away', pendingOffers: [], consecutiveMissedOffers: 1 });
    const a1 = await f.agents.load('a1');
    expect(a1.events.at(-1)?.event.metadata.actor).toEqual({ kind: 'system', id: 'routing' });
  });

  it('refuses an accept after the expiry with OFFER_EXPIRED, and the agent never holds the conversation', async () => {
    const [{ offers, state }] = f.routers;
    await offers.offer('c1');
    f.at(seconds(31));
    await offers.end(offerEnd(dueAt(state.view, seconds(31))[0]));
    await expect(offers.accept(f.accept('c1', 'a1'))).rejects.toMatchObject({ code: 'OFFER_EXPIRED' });
    expect(await agentState(f, 'a1')).toMatchObject({ openConversations: [], pendingOffers: [] });
  });

  it('rescinds the offer of an agent who goes away and offers it to the next agent, blaming nobody', async () => {
    const [{ offers, state }] = f.routers;
    await offers.offer('c1');
    f.at(seconds(5));
    await f.away('a1');
    await see(f, 'a1');
    const due = dueForAgent(state.view, 'a1', seconds(5));
    expect(due.map((work) => work.kind)).toEqual(['rescind-offer']);
    await offers.end(offerEnd(due[0]));
    expect(offeredTo((await f.conversations.load('c1')).state)).toBe('a2');
    expect(await agentState(f, 'a1')).toMatchObject({ status: 'away', pendingOffers: [], consecutiveMissedOffers: 0 });
  });

  it('never offers past capacity: a pending offer holds the agent\'s only unit', async () => {
    const [{ offers }] = f.routers;
    await f.queue('c2');
    await f.queue('c3');
    expect(offeredTo(await offers.offer('c1'))).toBe('a1');
    expect(offeredTo(await offers.offer('c2'))).toBe('a2');
    expect((await offers.offer('c3')).kind).toBe('queued');
  });

  it('re-queues the conversations of an agent still away after the team\'s grace, ahead of newer ones, and not before', async () => {
    const [router] = f.routers;
    router.state.view.applyTeamSettings('sales', { ...DEFAULT_TEAM_ROUTING_SETTINGS, routingMode: 'offer', reassignAfterSeconds: 60 });
    await router.offers.offer('c1');
    await router.offers.accept(f.accept('c1', 'a1'));
    f.at(seconds(10));
    await f.queue('c2');
    await f.away('a2');
    await f.away('a1');
    await see(f, 'a1', 'a2');
    await sync(f, router, 'c2');
    expect(dueAt(router.state.view, seconds(69))).toEqual([]);
    const team = await router.offers.requeue(requeueOf(dueAt(router.state.view, seconds(70))[0]));
    expect(team).toBe('sales');
    expect((await f.conversations.load('c1')).state).toMatchObject({ kind: 'queued', queuedAt: T0.toISOString() });
    expect(router.state.view.queueOf('sales').map((c) => c.conversationId)).toEqual(['c1', 'c2']);
    expect(await agentState(f, 'a1')).toMatchObject({ openConversations: [] });
  });
});
