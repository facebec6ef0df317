import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@app/event-store';
import { offerFloor, offeredTo, seconds, type OfferFloor, type Router } from './offers.spec-support.js';

const sweepAt = (f: OfferFloor, router: Router, at: Date) => {
  f.clock.at = at;
  return router.work.run(() => router.sweep.sweepAll());
};
const route = (router: Router, conversationId: string) => router.work.run(() => router.routing.route(conversationId));

describe('offers, with two routing instances on one store and a clock the spec moves', () => {
  let store: SqliteEventStore;
  let f: OfferFloor;
  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    f = offerFloor(store);
    await f.online('a1');
    await f.online('a2');
    await f.see('a1', 'a2');
    await f.queue('c1');
  });
  afterEach(() => { f.stop(); store.close(); });

  it('offers to one agent, who accepts: assigned, and the unit the offer held now holds the conversation', async () => {
    const [router] = f.routers;
    expect(offeredTo(await route(router, 'c1'))).toBe('a1');
    expect(await f.agent('a1')).toMatchObject({ pendingOffers: ['c1'], openConversations: [] });
    f.clock.at = seconds(10);
    const { conversation } = await router.answers.accept(f.accept('c1', 'a1'));
    expect(conversation).toMatchObject({ kind: 'assigned', agentId: 'a1' });
    expect(await f.agent('a1')).toMatchObject({ pendingOffers: [], openConversations: ['c1'], consecutiveMissedOffers: 0 });
  });

  it('offers a declined conversation to the next agent at once, and does not count the decline as missed', async () => {
    const [router] = f.routers;
    await route(router, 'c1');
    const { conversation } = await router.answers.decline(f.decline('c1', 'a1'));
    expect(offeredTo(conversation)).toBe('a2');
    expect(await f.agent('a1')).toMatchObject({ pendingOffers: [], consecutiveMissedOffers: 0 });
  });

  it('expires a missed offer once though both instances sweep at once, sets the agent away by the system, and offers it on', async () => {
    const [first, second] = f.routers;
    await route(first, 'c1');
    await f.see('a1');
    await f.sync('c1');
    await Promise.all([sweepAt(f, first, seconds(30)), sweepAt(f, second, seconds(30))]);
    const events = await f.eventTypes('c1');
    expect(events.filter((type) => type === 'OfferExpired')).toHaveLength(1);
    expect(events.filter((type) => type === 'ConversationOffered')).toHaveLength(2);
    expect(offeredTo(await f.conversation('c1'))).toBe('a2');
    expect(await f.agent('a1')).toMatchObject({ status: 'away', pendingOffers: [], consecutiveMissedOffers: 1 });
    const history = (await f.agents.load('a1')).events.filter(({ event }) => event.type === 'AgentStatusSetBySystem');
    expect(history.map(({ event }) => [event.metadata.actor.kind, event.type === 'AgentStatusSetBySystem' && event.data.reasonCode]))
      .toEqual([['system', 'missed-offer']]);
  });

  it('does nothing before the deadline', async () => {
    const [router] = f.routers;
    await route(router, 'c1');
    await sweepAt(f, router, seconds(29));
    expect(offeredTo(await f.conversation('c1'))).toBe('a1');
  });

  it("expires an offer when the timer's deadline comes, looking at that conversation alone", async () => {
    const [router] = f.routers;
    await route(router, 'c1');
    f.clock.at = seconds(29);
    await router.work.run(() => router.sweep.sweepDue());
    expect(offeredTo(await f.conversation('c1'))).toBe('a1');
    f.clock.at = seconds(30);
    await router.work.run(() => router.sweep.sweepDue());
    expect(offeredTo(await f.conversation('c1'))).toBe('a2');
    expect(router.timer.takeDue()).toEqual([]);
  });

  it('refuses an accept after the expiry with OFFER_EXPIRED, and the agent never holds the conversation', async () => {
    const [router] = f.routers;
    await route(router, 'c1');
    await sweepAt(f, router, seconds(31));
    await expect(router.answers.accept(f.accept('c1', 'a1'))).rejects.toMatchObject({ code: 'OFFER_EXPIRED' });
    expect(await f.agent('a1')).toMatchObject({ openConversations: [], pendingOffers: [] });
  });

  it('has one winner when an accept races the expiry on another instance', async () => {
    const [first, second] = f.routers;
    await route(first, 'c1');
    await f.sync('c1');
    f.clock.at = seconds(30);
    const [accepted] = await Promise.allSettled([first.answers.accept(f.accept('c1', 'a1')), second.work.run(() => second.sweep.sweepAll())]);
    const events = await f.eventTypes('c1');
    expect(events.filter((type) => type === 'OfferAccepted' || type === 'OfferExpired')).toHaveLength(1);
    expect(accepted.status === 'fulfilled').toBe(events.includes('OfferAccepted'));
  });

  it('rescinds the offer of an agent who goes away and offers it to the next agent, blaming nobody', async () => {
    const [router] = f.routers;
    await route(router, 'c1');
    f.clock.at = seconds(5);
    await f.setStatus('a1', 'away');
    await f.see('a1');
    router.sweep.agentChanged('a1');
    await router.work.idle();
    expect(await f.eventTypes('c1')).toContain('OfferRescinded');
    expect(offeredTo(await f.conversation('c1'))).toBe('a2');
    expect(await f.agent('a1')).toMatchObject({ status: 'away', pendingOffers: [], consecutiveMissedOffers: 0 });
  });

  it("never offers past capacity: a pending offer holds the agent's only unit", async () => {
    const [router] = f.routers;
    await f.queue('c2');
    await f.queue('c3');
    expect(offeredTo(await route(router, 'c1'))).toBe('a1');
    expect(offeredTo(await route(router, 'c2'))).toBe('a2');
    expect((await route(router, 'c3')).kind).toBe('queued');
  });
});

describe('re-queueing after a grace, and repairs after a crash', () => {
  let store: SqliteEventStore;
  let f: OfferFloor;
  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    f = offerFloor(store, { reassignAfterSeconds: 60 });
    await f.online('a1');
    await f.online('a2');
    await f.see('a1', 'a2');
    await f.queue('c1');
  });
  afterEach(() => { f.stop(); store.close(); });

  const heldByAwayAgent = async (router: Router) => {
    await route(router, 'c1');
    await router.answers.accept(f.accept('c1', 'a1'));
    f.clock.at = seconds(10);
    await f.queue('c2');
    await f.setStatus('a2', 'away');
    await f.setStatus('a1', 'away');
    await f.see('a1', 'a2');
    await f.sync('c2');
  };

  it("re-queues an absent agent's conversation after the grace, ahead of newer ones, and not before", async () => {
    const [router] = f.routers;
    await heldByAwayAgent(router);
    await sweepAt(f, router, seconds(69));
    expect(await f.conversation('c1')).toMatchObject({ kind: 'assigned', agentId: 'a1' });
    await sweepAt(f, router, seconds(70));
    expect(await f.conversation('c1')).toMatchObject({ kind: 'queued', queuedAt: seconds(0).toISOString() });
    expect(await f.eventTypes('c1')).toContain('ConversationRequeued');
    expect(router.state.view.queueOf('sales').map((c) => c.conversationId)).toEqual(['c1', 'c2']);
    expect(await f.agent('a1')).toMatchObject({ openConversations: [] });
  });

  it('keeps the conversation with an agent back online in time, even while the view still says away', async () => {
    const [router] = f.routers;
    await heldByAwayAgent(router);
    f.clock.at = seconds(50);
    await f.setStatus('a1', 'online');
    await sweepAt(f, router, seconds(75));
    expect(await f.conversation('c1')).toMatchObject({ kind: 'assigned', agentId: 'a1' });
  });

  it('makes the offer a crash left reserved on the agent only, once the agent is seen', async () => {
    // A routing instance reserved a1 for c1 at revision 0 and died before offering it.
    const [, survivor] = f.routers;
    await f.agents.run({
      type: 'ReserveForOffer', data: { agentId: 'a1', conversationId: 'c1', team: 'sales' },
      metadata: { now: f.clock.now(), actor: { kind: 'service', id: 'routing' }, commandId: 'reserve:c1:a1:0', correlationId: 'c1' },
    });
    await f.see('a1');
    await survivor.work.run(() => survivor.recovery.recover('a1'));
    expect(offeredTo(await f.conversation('c1'))).toBe('a1');
    expect(await f.agent('a1')).toMatchObject({ pendingOffers: ['c1'] });
  });

  it('frees a unit reserved for a conversation that went elsewhere meanwhile', async () => {
    const [router] = f.routers;
    await f.agents.run({
      type: 'ReserveForOffer', data: { agentId: 'a1', conversationId: 'c1', team: 'sales' },
      metadata: { now: f.clock.now(), actor: { kind: 'service', id: 'routing' }, commandId: 'reserve:c1:a1:0', correlationId: 'c1' },
    });
    await f.conversations.run({ type: 'CloseConversation', data: { conversationId: 'c1' }, metadata: { now: f.clock.now(), actor: { kind: 'admin', id: 'x' }, commandId: 'close-c1', correlationId: 'x' } });
    await f.see('a1');
    await router.work.run(() => router.recovery.recover('a1'));
    expect(await f.agent('a1')).toMatchObject({ pendingOffers: [], consecutiveMissedOffers: 0 });
  });
});
