import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http } from './support/presence-test-app.js';
import { uniqueId } from './support/presence-scenarios.js';
import { configureTeam } from './support/offer-steps.js';
import { online, queueConversation } from './support/routing-steps.js';
import { startRoutingFloor, type RoutingFloor } from './support/routing-test-app.js';
import { openSession } from './support/session-steps.js';
import { bearer } from './support/test-tokens.js';

/** The real offer source plugged into the real session stream: the agent's console rings and stops ringing. */
describe("offers on the offered agent's session stream (embedded default)", () => {
  let floor: RoutingFloor;

  beforeAll(async () => { floor = await startRoutingFloor(1); }, 60_000);
  afterAll(async () => { await floor?.close(); });

  it('rings with the deadline when routing offers a conversation, and says how the offer ended', async () => {
    const team = uniqueId('ringing');
    const agentId = uniqueId('cara');
    await configureTeam(floor, team, { routingMode: 'offer', offerTimeoutSeconds: 60 });
    await online(floor, agentId, [team]);
    const session = await openSession(floor.presence, agentId);
    await session.next(1);

    const offered = await queueConversation(floor.routing, `${team}-c1`, team);
    expect(offered.body).toMatchObject({ status: 'offered', agentId });
    const ring = await waitForEvent(session, 'offer');
    expect(JSON.parse(ring.data)).toEqual({ conversationId: `${team}-c1`, team, offerExpiresAt: offered.body.offerExpiresAt });

    const accepted = await http(`${floor.routing.url}/v1/conversations/${team}-c1/accept`, 'POST', undefined, await bearer(agentId, 'agent', [team]));
    expect(accepted.body.status).toBe('assigned');
    const ended = await waitForEvent(session, 'offer-ended');
    expect(JSON.parse(ended.data)).toEqual({ conversationId: `${team}-c1`, outcome: 'accepted' });
    session.close();
  });
});

const waitForEvent = async (session: Awaited<ReturnType<typeof openSession>>, name: string) => {
  for (let count = 1; count <= 20; count++) {
    const messages = await session.next(count, 10_000);
    const found = messages.find((message) => message.event === name);
    if (found) return found;
  }
  throw new Error(`no ${name} message on the session`);
};
