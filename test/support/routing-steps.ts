import { CommandRunner } from '@app/event-store';
import { SerialWork } from '../../apps/routing/src/assignment/serial-work.js';
import { agentStreamId, presenceDecider, type AgentPresence } from '@app/presence-domain';
import { conversationDecider, conversationStreamId, type Conversation } from '@app/routing-domain';
import type { PresenceTestApp } from './presence-test-app.js';
import { http } from './presence-test-app.js';
import { registerAgent, setStatus } from './presence-scenarios.js';
import { eventually, type RoutingFloor, type RoutingTestApp } from './routing-test-app.js';

/** Waits until every routing instance has heard of the agent at `revision` (the relay and the bus are asynchronous). */
export const seenByRouting = (floor: RoutingFloor, agentId: string, revision: number) =>
  eventually(() => floor.routers.every((r) => (r.state.view.agent(agentId)?.revision ?? -1) >= revision), `routing sees ${agentId}@${revision}`);

const settle = async (floor: RoutingFloor, response: Awaited<ReturnType<typeof setStatus>>) => {
  await seenByRouting(floor, response.body.agent.agentId, response.body.agent.revision);
  await Promise.all(floor.routers.map((r) => r.app.get(SerialWork).idle()));
  return response;
};

export const register = async (floor: RoutingFloor, agentId: string, teams = ['sales'], max = 2) =>
  settle(floor, await registerAgent(floor.presence, agentId, teams, max));

export const status = async (floor: RoutingFloor, agentId: string, to: 'online' | 'away' | 'offline') =>
  settle(floor, await setStatus(floor.presence, agentId, to));

export const online = async (floor: RoutingFloor, agentId: string, teams = ['sales'], max = 2) => {
  await register(floor, agentId, teams, max);
  return status(floor, agentId, 'online');
};

export const queueConversation = (routing: RoutingTestApp, conversationId: string, team = 'sales', priority?: number, headers: Record<string, string> = {}) =>
  http(`${routing.url}/v1/conversations`, 'POST', { conversationId, team, ...(priority === undefined ? {} : { priority }) }, headers);

export const conversation = (routing: RoutingTestApp, conversationId: string) => http(`${routing.url}/v1/conversations/${conversationId}`, 'GET');

export const transfer = (routing: RoutingTestApp, conversationId: string, team: string, reason?: string) =>
  http(`${routing.url}/v1/conversations/${conversationId}/transfer`, 'POST', { team, ...(reason ? { reason } : {}) });

export const close = (routing: RoutingTestApp, conversationId: string) => http(`${routing.url}/v1/conversations/${conversationId}/close`, 'POST');

export const agentOf = async (floor: RoutingFloor, agentId: string) => (await http(`${floor.presence.url}/v1/agents/${agentId}`, 'GET')).body;

/** The record, not a view: an agent replayed from its stream, with the most it ever held at once. */
export const replayAgent = async (floor: RoutingFloor, agentId: string): Promise<{ agent: AgentPresence; mostOpen: number }> => {
  const stream = await new CommandRunner(floor.presence.store, presenceDecider).load(agentStreamId(agentId));
  let state = presenceDecider.initialState();
  let mostOpen = 0;
  for (const { event } of stream.events) {
    state = presenceDecider.evolve(state, event);
    if (state.kind === 'registered') mostOpen = Math.max(mostOpen, state.openConversations.length);
  }
  return { agent: state, mostOpen };
};

/** A conversation replayed from its stream, with every agent it was ever assigned to. */
export const replayConversation = async (floor: RoutingFloor, conversationId: string): Promise<{ state: Conversation; assignments: string[] }> => {
  const stream = await new CommandRunner(floor.presence.store, conversationDecider).load(conversationStreamId(conversationId));
  const assignments = stream.events.flatMap(({ event }) => (event.type === 'ConversationAssigned' ? [event.data.agentId] : []));
  return { state: stream.state, assignments };
};
