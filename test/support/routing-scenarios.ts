/**
 * End-to-end routing scenarios through HTTP: presence (agents, with its relay
 * onto the bus) and routing instances on one event store and one bus.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http } from './presence-test-app.js';
import { uniqueId } from './presence-scenarios.js';
import type { RoutingFloor } from './routing-test-app.js';
import {
  agentOf, close, conversation, online, queueConversation, register, replayAgent, replayConversation, status, transfer,
} from './routing-steps.js';

export const describeRoutingScenarios = (name: string, start: () => Promise<RoutingFloor>) =>
  describe(name, () => {
    let floor: RoutingFloor;
    beforeAll(async () => { floor = await start(); }, 60_000);
    afterAll(async () => { await floor?.close(); }, 30_000);
    // Each test gets its own team, so scenarios sharing the floor do not take each other's agents.
    const team = () => uniqueId('team');

    it('assigns only to an online agent of the team, never to an away or offline one', async () => {
      const sales = team();
      const [away, offline, elsewhere, ready] = ['away', 'off', 'other', 'ready'].map(uniqueId);
      await online(floor, away, [sales]);
      await status(floor, away, 'away');
      await register(floor, offline, [sales]);
      await online(floor, elsewhere, [team()]);
      await online(floor, ready, [sales]);
      const id = uniqueId('chat');
      const response = await queueConversation(floor.routing, id, sales);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ conversationId: id, status: 'assigned', agentId: ready, team: sales });
      expect((await agentOf(floor, ready)).openConversations).toEqual([id]);
    });

    it('queues when nobody is eligible and never goes over capacity', async () => {
      const sales = team();
      const agent = uniqueId('solo');
      await online(floor, agent, [sales], 1);
      const first = await queueConversation(floor.routing, uniqueId('chat'), sales);
      const second = await queueConversation(floor.routing, uniqueId('chat'), sales);
      expect(first.body).toMatchObject({ status: 'assigned', agentId: agent });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ status: 'queued', team: sales, position: 1, agentId: null });
      expect((await replayAgent(floor, agent)).mostOpen).toBe(1);
    });

    it('picks the least loaded agent, then the one idle longest', async () => {
      const sales = team();
      const [first, second] = [uniqueId('first'), uniqueId('second')];
      await online(floor, first, [sales], 3);
      await online(floor, second, [sales], 3);
      const agents = [];
      for (let i = 0; i < 4; i++) agents.push((await queueConversation(floor.routing, uniqueId('chat'), sales)).body.agentId);
      expect(agents).toEqual([first, second, first, second]);
    });

    it('queues by priority, then age, and drains at once when an agent comes online', async () => {
      const sales = team();
      const [old, newer, urgent] = ['old', 'newer', 'urgent'].map(uniqueId);
      await queueConversation(floor.routing, old, sales);
      await queueConversation(floor.routing, newer, sales);
      expect((await queueConversation(floor.routing, urgent, sales, 5)).body).toMatchObject({ status: 'queued', position: 1 });
      const queue = await http(`${floor.routing.url}/v1/queues/${sales}`, 'GET');
      expect(queue.body.conversations.map((c: { conversationId: string; position: number }) => [c.conversationId, c.position]))
        .toEqual([[urgent, 1], [old, 2], [newer, 3]]);
      const agent = uniqueId('late');
      await online(floor, agent, [sales], 2);
      expect((await conversation(floor.routing, urgent)).body).toMatchObject({ status: 'assigned', agentId: agent });
      expect((await conversation(floor.routing, old)).body).toMatchObject({ status: 'assigned', agentId: agent });
      expect((await conversation(floor.routing, newer)).body).toMatchObject({ status: 'queued', position: 1 });
    });

    it('drains to an agent who joins the team', async () => {
      const sales = team();
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, sales);
      const agent = uniqueId('joiner');
      await online(floor, agent, [team()]);
      expect((await conversation(floor.routing, id)).body.status).toBe('queued');
      await register(floor, agent, [sales]);
      expect((await conversation(floor.routing, id)).body).toMatchObject({ status: 'assigned', agentId: agent });
    });

    it('frees capacity on close and drains the queue to it', async () => {
      const sales = team();
      const agent = uniqueId('busy');
      await online(floor, agent, [sales], 1);
      const [first, waiting] = [uniqueId('chat'), uniqueId('chat')];
      await queueConversation(floor.routing, first, sales);
      expect((await queueConversation(floor.routing, waiting, sales)).body.status).toBe('queued');
      const closed = await close(floor.routing, first);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', agentId: agent });
      expect((await conversation(floor.routing, waiting)).body).toMatchObject({ status: 'assigned', agentId: agent });
      expect((await agentOf(floor, agent)).openConversations).toEqual([waiting]);
    });

    it('keeps an away agent\'s conversations listed, and lets it transfer them to another team', async () => {
      const [sales, billing] = [team(), team()];
      const [agent, biller] = [uniqueId('leaving'), uniqueId('biller')];
      await online(floor, agent, [sales]);
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, sales);
      await status(floor, agent, 'away');
      expect(await agentOf(floor, agent)).toMatchObject({ status: 'away', openConversations: [id] });
      await online(floor, biller, [billing]);
      const moved = await transfer(floor.routing, id, billing, 'invoice question');
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ status: 'assigned', team: billing, agentId: biller });
      expect((await agentOf(floor, agent)).openConversations).toEqual([]);
    });

    it('transfers a queued conversation to another team, where it waits in line', async () => {
      const [sales, billing] = [team(), team()];
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, sales);
      const moved = await transfer(floor.routing, id, billing);
      expect(moved.body).toMatchObject({ status: 'queued', team: billing, position: 1 });
      expect((await http(`${floor.routing.url}/v1/queues/${sales}`, 'GET')).body.conversations).toEqual([]);
    });

    it('answers retries with the same Idempotency-Key from the first result', async () => {
      const sales = team();
      await online(floor, uniqueId('agent'), [sales]);
      const id = uniqueId('chat');
      const key = { 'idempotency-key': uniqueId('key') };
      const first = await queueConversation(floor.routing, id, sales, 0, key);
      const again = await queueConversation(floor.routing, id, sales, 0, key);
      expect(again.body).toMatchObject({ status: 'assigned', agentId: first.body.agentId, command: { replayed: true, appended: 0 } });
      expect((await replayConversation(floor, id)).assignments).toHaveLength(1);
    });

    it('maps errors to codes: 404 unknown, 409 closed or reused id, 400 naming the field', async () => {
      const sales = team();
      const missing = await conversation(floor.routing, uniqueId('nobody'));
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('CONVERSATION_NOT_FOUND');
      const id = uniqueId('chat');
      await queueConversation(floor.routing, id, sales);
      expect((await queueConversation(floor.routing, id, team())).body.error.code).toBe('CONVERSATION_EXISTS');
      await close(floor.routing, id);
      const late = await transfer(floor.routing, id, team());
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('CONVERSATION_CLOSED');
      const bad = await http(`${floor.routing.url}/v1/conversations`, 'POST', { conversationId: 'x', team: sales, priority: 10, extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'priority']);
      const badId = await http(`${floor.routing.url}/v1/conversations`, 'POST', { conversationId: 'no spaces', team: sales });
      expect(badId.body.error.field).toBe('conversationId');
    });

    it('lists the routing paths in the OpenAPI document', async () => {
      const document = await http(`${floor.routing.url}/v1/openapi.json`, 'GET');
      expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining([
        '/v1/conversations', '/v1/conversations/{conversationId}', '/v1/conversations/{conversationId}/transfer',
        '/v1/conversations/{conversationId}/close', '/v1/queues/{team}',
      ]));
    });
  });
