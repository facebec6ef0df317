import { metadataFor, registered } from './agent-decision.js';
import type { AgentPresence, RegisteredAgent } from './agent-presence.js';
import { DomainError } from './domain-error.js';
import type {
  AcceptOfferedConversation, OfferReservationCommand, ReleaseOfferReservation, ReserveForOffer,
} from './offer-reservation-commands.js';
import type { OfferReservationEvent } from './offer-reservation-events.js';
import type { PresenceEvent } from './presence-events.js';

/** Conversations the agent holds or is being offered: what counts against its capacity. */
export const capacityUsed = (agent: RegisteredAgent): number => agent.openConversations.length + agent.pendingOffers.length;

/** Throws the coded reason the agent cannot take one more conversation of the team (assigned or offered). */
export const requireRoomFor = (agent: RegisteredAgent, team: string): void => {
  if (agent.status !== 'online') throw new DomainError('AGENT_NOT_AVAILABLE', `agent ${agent.agentId} is ${agent.status}`, 'agentId');
  if (!agent.teams.includes(team)) throw new DomainError('AGENT_NOT_IN_TEAM', `agent ${agent.agentId} is not in team ${team}`, 'team');
  if (capacityUsed(agent) >= agent.maxConcurrentConversations) {
    throw new DomainError(
      'AGENT_AT_CAPACITY',
      `agent ${agent.agentId} has ${agent.openConversations.length} conversations and ${agent.pendingOffers.length} offers of ${agent.maxConcurrentConversations}`,
      'agentId',
    );
  }
};

const without = (list: readonly string[], conversationId: string): readonly string[] => list.filter((id) => id !== conversationId);

export const evolveOfferReservation = (state: AgentPresence, event: OfferReservationEvent): AgentPresence => {
  if (state.kind !== 'registered') return state;
  const { conversationId } = event.data;
  switch (event.type) {
    case 'AgentOfferReserved':
      if (state.pendingOffers.includes(conversationId)) return state;
      return { ...state, pendingOffers: [...state.pendingOffers, conversationId] };
    case 'AgentOfferAccepted': {
      const open = state.openConversations.includes(conversationId) ? state.openConversations : [...state.openConversations, conversationId];
      return { ...state, pendingOffers: without(state.pendingOffers, conversationId), openConversations: open, consecutiveMissedOffers: 0 };
    }
    case 'AgentOfferReleased': {
      const missed = event.data.outcome === 'missed' ? 1 : 0;
      return {
        ...state, pendingOffers: without(state.pendingOffers, conversationId), consecutiveMissedOffers: state.consecutiveMissedOffers + missed,
      };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};

const reserve = (command: ReserveForOffer, state: AgentPresence): PresenceEvent[] => {
  const agent = registered(state, command.data.agentId);
  const { conversationId, team } = command.data;
  if (agent.pendingOffers.includes(conversationId) || agent.openConversations.includes(conversationId)) return [];
  requireRoomFor(agent, team);
  return [{ type: 'AgentOfferReserved', data: { agentId: agent.agentId, conversationId, team }, metadata: metadataFor(command) }];
};

/**
 * No status or capacity check: the unit was held since the offer, and the
 * conversation side already recorded the accept, so the agent must hold the
 * conversation even if it went away meanwhile (it concludes it like any other).
 */
const acceptOffered = (command: AcceptOfferedConversation, state: AgentPresence): PresenceEvent[] => {
  const agent = registered(state, command.data.agentId);
  const { conversationId, team } = command.data;
  if (agent.openConversations.includes(conversationId)) return [];
  if (!agent.pendingOffers.includes(conversationId)) {
    throw new DomainError('OFFER_NOT_RESERVED', `agent ${agent.agentId} holds no offer of ${conversationId}`, 'conversationId');
  }
  return [{ type: 'AgentOfferAccepted', data: { agentId: agent.agentId, conversationId, team }, metadata: metadataFor(command) }];
};

const release = (command: ReleaseOfferReservation, state: AgentPresence): PresenceEvent[] => {
  const agent = registered(state, command.data.agentId);
  if (!agent.pendingOffers.includes(command.data.conversationId)) return [];
  return [{ type: 'AgentOfferReleased', data: { ...command.data, agentId: agent.agentId }, metadata: metadataFor(command) }];
};

/** The agent's side of offers: a unit reserved per offer, then taken by the accepted conversation or freed. */
export const decideOfferReservation = (command: OfferReservationCommand, state: AgentPresence): PresenceEvent[] => {
  switch (command.type) {
    case 'ReserveForOffer': return reserve(command, state);
    case 'AcceptOfferedConversation': return acceptOffered(command, state);
    case 'ReleaseOfferReservation': return release(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
};
