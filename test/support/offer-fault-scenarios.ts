/** Offers and grace periods across restarts and absences: deadlines from the events, each piece of work done once. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { http } from './presence-test-app.js';
import { uniqueId } from './presence-scenarios.js';
import { OffsetClock, configureTeam, conversationEvents, countOf, seenAs, sweepAll } from './offer-steps.js';
import { eventually, startRoutingTestApp, type RoutingFloor } from './routing-test-app.js';
import { agentOf, conversation, online, queueConversation, register, status } from './routing-steps.js';

export const describeOfferFaultScenarios = (name: string, start: (clock: OffsetClock) => Promise<RoutingFloor>) =>
  describe(name, () => {
    const clock = new OffsetClock();
    let floor: RoutingFloor;
    beforeAll(async () => { floor = await start(clock); }, 60_000);
    afterAll(async () => { await floor?.close(); }, 30_000);
    beforeEach(() => { clock.offsetMs = 0; });

    it('expires each offer that ran out while no routing ran exactly once when both instances start again', async () => {
      const team = uniqueId('team');
      await configureTeam(floor, team, { routingMode: 'offer' });
      const agents = [uniqueId('first'), uniqueId('second')];
      for (const agent of agents) await online(floor, agent, [team], 1);
      const ids = [uniqueId('chat'), uniqueId('chat')];
      for (const id of ids) expect((await queueConversation(floor.routers[0], id, team)).body.status).toBe('offered');
      for (const id of ids) await seenAs(floor, id, 'offered');
      await Promise.all(floor.routers.map((r) => r.close()));
      clock.advance(31);
      // Both start at once; each one's start-up sweeps what fell due while none ran.
      const restarted = await Promise.all(floor.routers.map(() => startRoutingTestApp(floor.presence, {}, clock)));
      floor.routers.splice(0, floor.routers.length, ...restarted);
      for (const id of ids) {
        expect(countOf(await conversationEvents(floor, id), 'OfferExpired')).toBe(1);
        expect((await conversation(floor.routers[0], id)).body.status).toBe('queued');
      }
      for (const agent of agents) {
        await eventually(async () => (await agentOf(floor, agent)).status === 'away', `${agent} is away for its missed offer`);
      }
    }, 60_000);

    it("re-queues an absent agent's conversation after the grace, ahead of newer ones, and not when it is back in time", async () => {
      const team = uniqueId('team');
      await configureTeam(floor, team, { reassignAfterSeconds: 60 });
      const [holder, later] = [uniqueId('holder'), uniqueId('later')];
      await online(floor, holder, [team], 2);
      await register(floor, later, [team], 2);
      const [kept, newer] = [uniqueId('chat'), uniqueId('chat')];
      expect((await queueConversation(floor.routers[0], kept, team)).body).toMatchObject({ status: 'assigned', agentId: holder });
      await status(floor, holder, 'away');
      clock.advance(30);
      await sweepAll(floor);
      await status(floor, holder, 'online');
      clock.advance(40);
      await sweepAll(floor);
      expect((await conversation(floor.routers[0], kept)).body).toMatchObject({ status: 'assigned', agentId: holder });

      clock.offsetMs = 0;
      await status(floor, holder, 'offline');
      await queueConversation(floor.routers[0], newer, team);
      await sweepAll(floor);
      expect((await conversation(floor.routers[0], kept)).body.status).toBe('assigned');
      clock.advance(61);
      await sweepAll(floor);
      const queue = await http(`${floor.routers[0].url}/v1/queues/${team}`, 'GET');
      expect(queue.body.conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual([kept, newer]);
      const events = await conversationEvents(floor, kept);
      expect(countOf(events, 'ConversationRequeued')).toBe(1);
      expect(events.find((e) => e.type === 'ConversationRequeued')?.data).toMatchObject({ fromAgentId: holder, reason: 'agent-unavailable' });
      await eventually(async () => (await agentOf(floor, holder)).openConversations.length === 0, 'the absent agent is freed');
      await status(floor, later, 'online');
      expect((await conversation(floor.routers[0], kept)).body).toMatchObject({ status: 'assigned', agentId: later });
    }, 30_000);

    it('re-queues after a short real grace, by the timer, to an agent still online', async () => {
      const team = uniqueId('team');
      await configureTeam(floor, team, { reassignAfterSeconds: 1 });
      const [leaving, staying] = [uniqueId('leaving'), uniqueId('staying')];
      await online(floor, leaving, [team], 1);
      const id = uniqueId('chat');
      expect((await queueConversation(floor.routers[0], id, team)).body.agentId).toBe(leaving);
      await online(floor, staying, [team], 1);
      await status(floor, leaving, 'away');
      await eventually(async () => (await conversation(floor.routers[0], id)).body.agentId === staying, 'the conversation moved on', 10_000);
    });
  });
