import { expect } from '@jest/globals';
import { CommandRunner } from '@app/event-store';
import { agentStreamId, presenceDecider } from '@app/presence-domain';
import { conversationDecider, conversationStreamId, type ConversationEvent } from '@app/routing-domain';
import { DeadlineSweep } from '../../apps/routing/src/offers/deadline-sweep.js';
import { RoutingClock } from '../../apps/routing/src/routing-clock.js';
import { http } from './presence-test-app.js';
import { eventually, type RoutingFloor, type RoutingTestApp } from './routing-test-app.js';
import { bearer } from './test-tokens.js';

/** Routing's clock in the tests: the real time plus an offset a test moves forward (presence keeps the real time). */
export class OffsetClock extends RoutingClock {
  offsetMs = 0;
  override now(): Date { return new Date(Date.now() + this.offsetMs); }
  advance(seconds: number): void { this.offsetMs += seconds * 1000; }
}

export interface TeamSettings {
  readonly routingMode?: 'auto-assign' | 'offer';
  readonly offerTimeoutSeconds?: number;
  readonly missedOffersBeforeAway?: number;
  readonly reassignAfterSeconds?: number | null;
}

/** PUTs the team's settings and waits until every routing instance routes by them. */
export const configureTeam = async (floor: RoutingFloor, team: string, settings: TeamSettings) => {
  const response = await http(`${floor.routers[0].url}/v1/teams/${team}`, 'PUT', settings);
  expect(response.status).toBe(200);
  const { routingMode, offerTimeoutSeconds, missedOffersBeforeAway, reassignAfterSeconds } = response.body;
  await eventually(() => floor.routers.every((r) => {
    const seen = r.state.view.teamSettings(team);
    return seen.routingMode === routingMode && seen.offerTimeoutSeconds === offerTimeoutSeconds
      && seen.missedOffersBeforeAway === missedOffersBeforeAway && seen.reassignAfterSeconds === reassignAfterSeconds;
  }), `every routing instance routes ${team} by its new settings`);
  return response;
};

export const asAgent = (agentId: string, team: string) => bearer(agentId, 'agent', [team]);

export const accept = async (routing: RoutingTestApp, conversationId: string, agentId: string, team: string) =>
  http(`${routing.url}/v1/conversations/${conversationId}/accept`, 'POST', {}, await asAgent(agentId, team));

export const decline = async (routing: RoutingTestApp, conversationId: string, agentId: string, team: string, reason?: string) =>
  http(`${routing.url}/v1/conversations/${conversationId}/decline`, 'POST', reason === undefined ? {} : { reason }, await asAgent(agentId, team));

/** Every routing instance sweeps the whole view at once (the clock jumped; their timers sleep on real time). */
export const sweepAll = (floor: RoutingFloor) => Promise.all(floor.routers.map((r) => r.app.get(DeadlineSweep).scheduleAll()));

/** Waits until every routing instance knows the conversation as `kind` (the conversation subscription is asynchronous). */
export const seenAs = (floor: RoutingFloor, conversationId: string, kind: string) =>
  eventually(() => floor.routers.every((r) => r.state.conversation(conversationId).kind === kind), `routing sees ${conversationId} ${kind}`);

/** The conversation's events, from its stream. */
export const conversationEvents = async (floor: RoutingFloor, conversationId: string): Promise<ConversationEvent[]> =>
  (await new CommandRunner(floor.presence.store, conversationDecider).load(conversationStreamId(conversationId))).events.map(({ event }) => event);

export const countOf = (events: readonly { type: string }[], type: string) => events.filter((event) => event.type === type).length;

/** The most an agent ever held at once, counting its pending offers, replayed from its stream. */
export const mostHeld = async (floor: RoutingFloor, agentId: string): Promise<number> => {
  const stream = await new CommandRunner(floor.presence.store, presenceDecider).load(agentStreamId(agentId));
  let state = presenceDecider.initialState();
  let most = 0;
  for (const { event } of stream.events) {
    state = presenceDecider.evolve(state, event);
    if (state.kind === 'registered') most = Math.max(most, state.openConversations.length + state.pendingOffers.length);
  }
  return most;
};
