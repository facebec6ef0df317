import { metadataFor, registered } from './agent-decision.js';
import { agentProfile, sameProfile } from './agent-profile.js';
import { currentReasonCode, systemMayChangeStatus, type AgentPresence } from './agent-presence.js';
import { DomainError } from './domain-error.js';
import { decideOfferReservation, requireRoomFor } from './offer-reservations.js';
import type {
  AcceptConversation, OverrideAgentStatus, PresenceCommand, PutAgentProfile, ReleaseConversation, SetAgentStatus, SetAgentStatusBySystem,
} from './presence-commands.js';
import type { PresenceEvent } from './presence-events.js';

/** The command's reason code, blank meaning none; whether it is in the catalogue is the caller's check. */
const reasonCodeOf = (command: SetAgentStatus | OverrideAgentStatus): string | null => command.data.reasonCode?.trim() || null;

const putProfile = (command: PutAgentProfile, state: AgentPresence): PresenceEvent[] => {
  const { agentId, ...input } = command.data;
  const profile = agentProfile(input);
  if (state.kind === 'unregistered') {
    return [{ type: 'AgentRegistered', data: { agentId, ...profile }, metadata: metadataFor(command) }];
  }
  if (sameProfile(state, profile)) return [];
  return [{ type: 'AgentProfileChanged', data: { agentId, ...profile }, metadata: metadataFor(command) }];
};

const setStatus = (command: SetAgentStatus, state: AgentPresence): PresenceEvent[] => {
  const agent = registered(state, command.data.agentId);
  const reasonCode = reasonCodeOf(command);
  // A new code for the same status is news (lunch, then training); the same status and code again is not.
  if (agent.status === command.data.status && currentReasonCode(agent) === reasonCode) return [];
  const reason = command.data.reason?.trim() || null;
  return [{
    type: 'AgentStatusChanged',
    data: { agentId: agent.agentId, from: agent.status, to: command.data.status, reason, reasonCode },
    metadata: metadataFor(command),
  }];
};

const overrideStatus = (command: OverrideAgentStatus, state: AgentPresence): PresenceEvent[] => {
  const reason = command.data.reason.trim();
  const supervisorId = command.data.supervisorId.trim();
  if (reason.length === 0) throw new DomainError('OVERRIDE_REASON_REQUIRED', 'an override needs a reason', 'reason');
  if (supervisorId.length === 0) throw new DomainError('SUPERVISOR_REQUIRED', 'an override needs the supervisor who made it', 'supervisorId');
  const agent = registered(state, command.data.agentId);
  const reasonCode = reasonCodeOf(command);
  const alreadyInForce = agent.status === command.data.status && agent.setBy.kind !== 'registration'
    && agent.setBy.kind === command.metadata.actor.kind && agent.setBy.id === supervisorId && agent.setBy.reason === reason
    && agent.setBy.reasonCode === reasonCode;
  if (alreadyInForce) return [];
  return [{
    type: 'AgentStatusOverridden',
    data: { agentId: agent.agentId, from: agent.status, to: command.data.status, reason, supervisorId, reasonCode },
    metadata: metadataFor(command),
  }];
};

/** Nothing to do (not an error) when the agent is no longer online or a supervisor has spoken: the lapse it reacted to is moot. */
const setStatusBySystem = (command: SetAgentStatusBySystem, state: AgentPresence): PresenceEvent[] => {
  const agent = registered(state, command.data.agentId);
  if (!systemMayChangeStatus(agent)) return [];
  return [{
    type: 'AgentStatusSetBySystem',
    data: { agentId: agent.agentId, from: agent.status, to: command.data.status, reasonCode: command.data.reasonCode },
    metadata: metadataFor(command),
  }];
};

const acceptConversation = (command: AcceptConversation, state: AgentPresence): PresenceEvent[] => {
  const agent = registered(state, command.data.agentId);
  const { conversationId, team } = command.data;
  if (agent.openConversations.includes(conversationId)) return [];
  requireRoomFor(agent, team);
  return [{ type: 'AgentConversationAssigned', data: { agentId: agent.agentId, conversationId, team }, metadata: metadataFor(command) }];
};

const releaseConversation = (command: ReleaseConversation, state: AgentPresence): PresenceEvent[] => {
  const agent = registered(state, command.data.agentId);
  if (!agent.openConversations.includes(command.data.conversationId)) return [];
  return [{ type: 'AgentConversationReleased', data: { ...command.data, agentId: agent.agentId }, metadata: metadataFor(command) }];
};

/** The whole rule book of an agent's presence: which events a command produces, or why it may not. */
export const decide = (command: PresenceCommand, state: AgentPresence): PresenceEvent[] => {
  switch (command.type) {
    case 'PutAgentProfile':
      return putProfile(command, state);
    case 'SetAgentStatus':
      return setStatus(command, state);
    case 'OverrideAgentStatus':
      return overrideStatus(command, state);
    case 'SetAgentStatusBySystem':
      return setStatusBySystem(command, state);
    case 'AcceptConversation':
      return acceptConversation(command, state);
    case 'ReleaseConversation':
      return releaseConversation(command, state);
    case 'ReserveForOffer':
    case 'AcceptOfferedConversation':
    case 'ReleaseOfferReservation':
      return decideOfferReservation(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
};
