/**
 * Offers end to end: presence and two routing instances on one store and one
 * bus, routing on a clock the test moves (presence keeps the real time).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { http } from './presence-test-app.js';
import { uniqueId } from './presence-scenarios.js';
import { bearer } from './test-tokens.js';
import {
  OffsetClock, accept, configureTeam, conversationEvents, countOf, decline, mostHeld, seenAs, sweepAll,
} from './offer-steps.js';
import { eventually, type RoutingFloor } from './routing-test-app.js';
import { agentOf, close, conversation, online, queueConversation, status } from './routing-steps.js';

export const describeOfferScenarios = (name: string, start: (clock: OffsetClock) => Promise<RoutingFloor>) =>
  describe(name, () => {
    const clock = new OffsetClock();
    let floor: RoutingFloor;
    beforeAll(async () => { floor = await start(clock); }, 60_000);
    afterAll(async () => { await floor?.close(); }, 30_000);
    beforeEach(() => { clock.offsetMs = 0; });

    /** A fresh offer-mode team with two agents online by their own choice, the first idle longest. */
    const offerTeam = async (settings = {}, max = 1) => {
      const team = uniqueId('team');
      await configureTeam(floor, team, { routingMode: 'offer', ...settings });
      const [first, second] = [uniqueId('first'), uniqueId('second')];
      await online(floor, first, [team], max);
      await online(floor, second, [team], max);
      return { team, first, second };
    };

    it('offers a conversation, shows it offered, and assigns it when the agent accepts (through the other instance)', async () => {
      const { team, first } = await offerTeam();
      const id = uniqueId('chat');
      const offered = await queueConversation(floor.routing, id, team);
      expect(offered.status).toBe(201);
      expect(offered.body).toMatchObject({ status: 'offered', agentId: first, team, offerExpiresAt: expect.any(String) });
      expect(Date.parse(offered.body.offerExpiresAt) - clock.now().getTime()).toBeGreaterThan(25_000);
      await seenAs(floor, id, 'offered');
      expect((await conversation(floor.routers[1], id)).body).toMatchObject({ status: 'offered', agentId: first, offerExpiresAt: offered.body.offerExpiresAt });
      const accepted = await accept(floor.routers[1], id, first, team);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'assigned', agentId: first, offerExpiresAt: null });
      await eventually(async () => (await agentOf(floor, first)).openConversations.includes(id), 'the agent holds the conversation');
      expect(await agentOf(floor, first)).toMatchObject({ pendingOffers: [], consecutiveMissedOffers: 0 });
    });

    it('offers a declined conversation to the next agent at once', async () => {
      const { team, first, second } = await offerTeam();
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, team);
      const declined = await decline(floor.routing, id, first, team, 'on a call');
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'offered', agentId: second });
      expect((await conversationEvents(floor, id)).find((e) => e.type === 'OfferDeclined')?.data).toMatchObject({ agentId: first, reason: 'on a call' });
    });

    it('expires a missed offer once across both instances, offers it to the next agent, and sets the first away by the system', async () => {
      const { team, first, second } = await offerTeam();
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, team);
      await seenAs(floor, id, 'offered');
      clock.advance(31);
      await sweepAll(floor);
      expect((await conversation(floor.routing, id)).body).toMatchObject({ status: 'offered', agentId: second });
      expect(countOf(await conversationEvents(floor, id), 'OfferExpired')).toBe(1);
      await eventually(async () => (await agentOf(floor, first)).status === 'away', 'the first agent is away');
      expect((await agentOf(floor, first)).setBy).toEqual({ kind: 'system', id: 'routing', reason: null, reasonCode: 'missed-offer' });
      const history = await http(`${floor.presence.url}/v1/agents/${first}/status-history`, 'GET');
      expect(history.body.at(-1)).toMatchObject({ to: 'away', reasonCode: 'missed-offer', setBy: { kind: 'system' } });
    });

    it('answers an accept after the expiry with 409 OFFER_EXPIRED', async () => {
      const { team, first } = await offerTeam({ missedOffersBeforeAway: 0 });
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, team);
      await seenAs(floor, id, 'offered');
      clock.advance(30);
      await sweepAll(floor);
      const late = await accept(floor.routers[1], id, first, team);
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('OFFER_EXPIRED');
      expect((await agentOf(floor, first)).openConversations).not.toContain(id);
    });

    it('rescinds the offer of an agent who goes offline, once, and offers it to the next agent without counting a miss', async () => {
      const { team, first, second } = await offerTeam();
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, team);
      await seenAs(floor, id, 'offered');
      await status(floor, first, 'offline');
      await eventually(async () => (await conversation(floor.routing, id)).body.agentId === second, 'offered to the next agent');
      expect(countOf(await conversationEvents(floor, id), 'OfferRescinded')).toBe(1);
      await eventually(async () => (await agentOf(floor, first)).pendingOffers.length === 0, 'the unit is free');
      expect(await agentOf(floor, first)).toMatchObject({ status: 'offline', consecutiveMissedOffers: 0 });
    });

    it('frees the offered agent when the conversation is closed while it rings', async () => {
      const { team, first } = await offerTeam();
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, team);
      expect((await close(floor.routing, id)).body).toMatchObject({ status: 'closed' });
      expect(countOf(await conversationEvents(floor, id), 'OfferRescinded')).toBe(1);
      await eventually(async () => (await agentOf(floor, first)).pendingOffers.length === 0, 'the unit is free');
    });

    it('never goes over capacity counting offers, with both instances routing at once', async () => {
      const { team, first, second } = await offerTeam({}, 2);
      const ids = Array.from({ length: 8 }, () => uniqueId('chat'));
      await Promise.all(ids.flatMap((id) => floor.routers.map((r) => queueConversation(r, id, team))));
      const offered = (await Promise.all(ids.map((id) => conversation(floor.routing, id)))).filter((c) => c.body.status === 'offered');
      expect(offered).toHaveLength(4);
      await Promise.all(offered.map((c, i) => accept(floor.routers[i % 2], c.body.conversationId, c.body.agentId, team)));
      for (const agent of [first, second]) expect(await mostHeld(floor, agent)).toBe(2);
    });

    it('expires an offer on its own after a short real timeout, by the timer', async () => {
      const { team, second } = await offerTeam({ offerTimeoutSeconds: 5, missedOffersBeforeAway: 0 });
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, team);
      await eventually(async () => (await conversation(floor.routing, id)).body.agentId === second, 'the offer expired and went on', 15_000);
      expect(countOf(await conversationEvents(floor, id), 'OfferExpired')).toBe(1);
    }, 30_000);

    it("keeps a team's routing settings as events: defaults until configured, who changed them, bad values named", async () => {
      const team = uniqueId('team');
      const url = `${floor.routing.url}/v1/teams/${team}`;
      expect((await http(url, 'GET')).body).toEqual({
        team, routingMode: 'auto-assign', offerTimeoutSeconds: 30, missedOffersBeforeAway: 1, reassignAfterSeconds: null,
        configured: false, changedAt: null, changedBy: null,
      });
      const supervisor = await http(url, 'PUT', { routingMode: 'offer', reassignAfterSeconds: 120 }, await bearer('sup-routing', 'supervisor', [team]));
      expect(supervisor.body).toMatchObject({ routingMode: 'offer', offerTimeoutSeconds: 30, reassignAfterSeconds: 120, configured: true });
      expect((await http(url, 'GET')).body.changedBy).toEqual({ kind: 'supervisor', id: 'sup-routing' });
      const bad = await http(url, 'PUT', { offerTimeoutSeconds: 4 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('offerTimeoutSeconds');
      expect((await http(url, 'PUT', { reassignAfterSeconds: null })).body).toMatchObject({ routingMode: 'auto-assign', reassignAfterSeconds: null });
    });

    it('lists the offer and team paths in the OpenAPI document', async () => {
      const document = await http(`${floor.routing.url}/v1/openapi.json`, 'GET');
      expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining([
        '/v1/conversations/{conversationId}/accept', '/v1/conversations/{conversationId}/decline', '/v1/teams/{team}',
      ]));
    });
  });

