/** Routing under faults: two instances racing, a restart, a malformed message, a crash between the two appends. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { CommandRunner } from '@app/event-store';
import { agentStreamId, presenceDecider } from '@app/presence-domain';
import { conversationDecider, conversationStreamId } from '@app/routing-domain';
import { acceptCommandId } from '../../apps/routing/src/assignment/assignment-command-ids.js';
import { routingMetadata } from '../../apps/routing/src/assignment/routing-metadata.js';
import { http } from './presence-test-app.js';
import { uniqueId } from './presence-scenarios.js';
import { eventually, startRoutingTestApp, type RoutingFloor } from './routing-test-app.js';
import {
  close, conversation, online, queueConversation, register, replayAgent, replayConversation, status,
} from './routing-steps.js';

export const describeRoutingFaultScenarios = (name: string, start: (instances: number) => Promise<RoutingFloor>) =>
  describe(name, () => {
    let floor: RoutingFloor | undefined;
    afterEach(async () => { await floor?.close(); floor = undefined; }, 30_000);

    it('never assigns a conversation twice nor puts an agent over capacity with two routing instances racing', async () => {
      floor = await start(2);
      const f = floor;
      const agents = Array.from({ length: 5 }, () => uniqueId('racer'));
      for (const agent of agents) await online(f, agent, ['sales'], 2);
      const ids = Array.from({ length: 16 }, () => uniqueId('chat'));
      // Both instances get every conversation at once, while agents flap between away and online.
      await Promise.all([
        ...ids.flatMap((id) => f.routers.map((r) => queueConversation(r, id, 'sales'))),
        ...agents.slice(0, 2).map(async (agent) => { await status(f, agent, 'away'); await status(f, agent, 'online'); }),
      ]);
      await Promise.all(ids.slice(0, 4).map((id, i) => close(f.routers[i % 2], id)));
      await eventually(async () => {
        const states = await Promise.all(ids.map((id) => replayConversation(f, id)));
        return states.filter((s) => s.state.kind === 'assigned').length === 10;
      }, 'the queue drained into the freed capacity');

      const held = new Map<string, string>();
      for (const agent of agents) {
        const { agent: state, mostOpen } = await replayAgent(f, agent);
        expect(mostOpen).toBeLessThanOrEqual(2);
        for (const id of state.kind === 'registered' ? state.openConversations : []) {
          expect(held.has(id)).toBe(false);
          held.set(id, agent);
        }
      }
      for (const id of ids) {
        const { state } = await replayConversation(f, id);
        // The two records agree: a conversation's agent holds it, and an agent holds only conversations assigned to it.
        if (state.kind === 'assigned') expect(held.get(id)).toBe(state.agentId);
        else expect(held.has(id)).toBe(false);
      }
    }, 60_000);

    it('rebuilds its view on restart with assignments intact', async () => {
      floor = await start(1);
      const agent = uniqueId('steady');
      await online(floor, agent, ['sales'], 2);
      const [kept, waiting] = [uniqueId('chat'), uniqueId('chat')];
      await queueConversation(floor.routing, kept, 'sales');
      await status(floor, agent, 'away');
      await queueConversation(floor.routing, waiting, 'sales');
      await floor.routers[0].close();
      floor.routers[0] = await startRoutingTestApp(floor.presence);
      const restarted = floor.routers[0];
      expect(restarted.state.view.agent(agent)).toMatchObject({ status: 'away', openConversations: [kept] });
      expect((await conversation(restarted, kept)).body).toMatchObject({ status: 'assigned', agentId: agent });
      expect((await http(`${restarted.url}/v1/queues/sales`, 'GET')).body.conversations.map((c: { conversationId: string }) => c.conversationId))
        .toContain(waiting);
      await status(floor, agent, 'online');
      expect((await conversation(restarted, waiting)).body).toMatchObject({ status: 'assigned', agentId: agent });
      expect((await replayAgent(floor, agent)).mostOpen).toBe(2);
    }, 30_000);

    it('skips and counts a malformed availability message, and applies the ones after it', async () => {
      floor = await start(1);
      await floor.presence.bus.publish(floor.presence.config.availabilityTopic, [
        { key: 'broken', value: '{not json' }, { key: 'broken', value: JSON.stringify({ schemaVersion: 1, agentId: 'x' }) },
      ]);
      const agent = uniqueId('after');
      await online(floor, agent, ['sales']);
      const health = await http(`${floor.routing.url}/health/routing`, 'GET');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'up', availabilityMessages: { malformed: 2 } });
      expect((await queueConversation(floor.routing, uniqueId('chat'), 'sales')).body).toMatchObject({ status: 'assigned', agentId: agent });
    }, 30_000);

    it('finishes, on start, an assignment a crash left on the agent side only, and gives back a stale one', async () => {
      floor = await start(0);
      const f = floor;
      const agents = new CommandRunner(f.presence.store, presenceDecider);
      const conversations = new CommandRunner(f.presence.store, conversationDecider);
      const [agent, other] = [uniqueId('half'), uniqueId('other')];
      const [stranded, lost] = [uniqueId('chat'), uniqueId('chat')];
      for (const id of [agent, other]) {
        await register(f, id, ['sales'], 3);
        await status(f, id, 'online');
      }
      const meta = (commandId: string) => routingMetadata(commandId, 'test');
      for (const id of [stranded, lost]) {
        await conversations.run(conversationStreamId(id), { type: 'QueueConversation', data: { conversationId: id, team: 'sales', priority: 0 }, metadata: meta(`q-${id}`) });
        // The agent-side accept a routing instance made at revision 0 before it crashed.
        await agents.run(agentStreamId(agent), {
          type: 'AcceptConversation', data: { agentId: agent, conversationId: id, team: 'sales' }, metadata: meta(acceptCommandId(id, agent, 0)),
        });
      }
      // Meanwhile `lost` went to another agent: the crashed instance lost that race.
      await agents.run(agentStreamId(other), {
        type: 'AcceptConversation', data: { agentId: other, conversationId: lost, team: 'sales' }, metadata: meta(acceptCommandId(lost, other, 0)),
      });
      await conversations.run(conversationStreamId(lost), { type: 'AssignConversation', data: { conversationId: lost, agentId: other }, metadata: meta('a-lost') });

      f.routers.push(await startRoutingTestApp(f.presence));
      expect((await replayConversation(f, stranded)).state).toMatchObject({ kind: 'assigned', agentId: agent });
      expect((await replayConversation(f, lost)).state).toMatchObject({ kind: 'assigned', agentId: other });
      const { agent: state } = await replayAgent(f, agent);
      expect(state).toMatchObject({ openConversations: [stranded] });
    }, 30_000);
  });
