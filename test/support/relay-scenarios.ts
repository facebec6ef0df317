/** The relay's promises, run once per bus: in-process and a real Kafka broker. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AvailabilityRelay } from '../../apps/presence/src/relay/availability-relay.js';
import { AvailabilityReadModel } from '../../apps/presence/src/read-model/availability-read-model.js';
import { recordAvailability, revisionsWithoutGaps } from './availability-recorder.js';
import { registerAgent, setStatus, overrideStatus, uniqueId } from './presence-scenarios.js';
import { http, type PresenceTestApp } from './presence-test-app.js';

export const describeRelayScenarios = (name: string, start: () => Promise<PresenceTestApp>) =>
  describe(name, () => {
    let app: PresenceTestApp;
    beforeAll(async () => { app = await start(); });
    afterAll(async () => { await app?.close(); });

    it("publishes each agent's full availability, keyed by agent, in per-agent order", async () => {
      const id = uniqueId('rel');
      const recorder = await recordAvailability(app.bus, app.config.availabilityTopic);
      await registerAgent(app, id, ['sales', 'billing'], 3);
      await setStatus(app, id, 'online', { reason: 'shift' });
      await overrideStatus(app, id, { status: 'away', reason: 'coaching', supervisorId: 'sup-1' });
      await recorder.waitFor((ms) => ms.filter((m) => m.agentId === id).length >= 3);
      const mine = recorder.messages.filter((m) => m.agentId === id);
      expect(mine.map((m) => [m.revision, m.status, m.eventType])).toEqual([
        [0, 'offline', 'AgentRegistered'], [1, 'online', 'AgentStatusChanged'], [2, 'away', 'AgentStatusOverridden'],
      ]);
      expect(mine[2]).toMatchObject({
        schemaVersion: 1, teams: ['billing', 'sales'], maxConcurrentConversations: 3, openConversations: [],
        setBy: { kind: 'supervisor', id: 'sup-1', reason: 'coaching' },
      });
      expect(mine[2].position).toMatch(/^\d+\/\d+$/);
      await recorder.stop();
    });

    it('the latest message per agent alone rebuilds the floor the read model shows', async () => {
      const ids = [uniqueId('flo'), uniqueId('flo')];
      for (const id of ids) { await registerAgent(app, id); await setStatus(app, id, 'online'); }
      await setStatus(app, ids[1], 'away');
      const relay = app.app.get(AvailabilityRelay);
      const head = await app.store.headPosition();
      await waitUntil(() => relay.position !== undefined && head !== undefined && relay.position.commit >= head.commit);
      const recorder = await recordAvailability(app.bus, app.config.availabilityTopic);
      await recorder.waitFor((ms) => ids.every((id) => ms.some((m) => m.agentId === id && m.revision === (id === ids[1] ? 2 : 1))));
      const readModel = app.app.get(AvailabilityReadModel);
      for (const id of ids) {
        const { revision, status, teams, openConversations } = recorder.latest().get(id)!;
        expect({ revision, status, teams, openConversations }).toEqual((({ revision: r, status: s, teams: t, openConversations: o }) =>
          ({ revision: r, status: s, teams: t, openConversations: o }))(readModel.get(id)!));
      }
      await recorder.stop();
    });

    it('resumes from its checkpoint after a restart with no gap', async () => {
      const id = uniqueId('rst');
      const relay = app.app.get(AvailabilityRelay);
      const recorder = await recordAvailability(app.bus, app.config.availabilityTopic);
      await registerAgent(app, id);
      await setStatus(app, id, 'online');
      await relay.stop();
      // While the relay is down, the agent keeps changing.
      await setStatus(app, id, 'away');
      await setStatus(app, id, 'offline');
      await overrideStatus(app, id, { status: 'online', reason: 'cover', supervisorId: 'sup-3' });
      relay.start();
      await setStatus(app, id, 'away');
      await recorder.waitFor((ms) => ms.some((m) => m.agentId === id && m.revision === 5));
      expect(revisionsWithoutGaps(recorder.messages).get(id)).toEqual([0, 1, 2, 3, 4, 5]);
      expect((await http(`${app.url}/health`, 'GET')).body.relay).toMatchObject({ enabled: true, running: true, error: null });
      await recorder.stop();
    });
  });

const waitUntil = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
