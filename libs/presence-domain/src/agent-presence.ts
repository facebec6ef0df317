import type { AgentProfile } from './agent-profile.js';
import type { ActorKind, AgentStatus } from '@app/kernel';
import { evolveOfferReservation } from './offer-reservations.js';
import type { PresenceEvent } from './presence-events.js';

/**
 * Who put the agent in its current status, and why (free text and/or a
 * catalogue code): the real actor of the change (an admin who sets an
 * agent's status is an admin, not the agent; the system sets a built-in code).
 */
export type StatusSetter =
  | { readonly kind: 'registration' }
  | { readonly kind: ActorKind; readonly id: string; readonly reason: string | null; readonly reasonCode: string | null };

export type AgentPresence =
  | { readonly kind: 'unregistered' }
  | ({
      readonly kind: 'registered';
      readonly agentId: string;
      readonly status: AgentStatus;
      /** ISO-8601: when the current status began. */
      readonly since: string;
      readonly setBy: StatusSetter;
      /** Conversations assigned and not yet closed or transferred; away or offline agents keep theirs to conclude. */
      readonly openConversations: readonly string[];
      /** Conversations offered to the agent and not yet answered: each holds a unit of capacity. */
      readonly pendingOffers: readonly string[];
      /** Offers missed in a row since the last accept or the last return to online. */
      readonly consecutiveMissedOffers: number;
      /** ISO-8601: since when the agent has not been online, away and offline alike; null while online. */
      readonly unavailableSince: string | null;
    } & AgentProfile);

export type RegisteredAgent = Extract<AgentPresence, { kind: 'registered' }>;

export const initialPresence = (): AgentPresence => ({ kind: 'unregistered' });

/** A newly registered agent is offline until it says otherwise. */
export const INITIAL_STATUS: AgentStatus = 'offline';

/**
 * The agent after a status event: `to` set by `setBy` at `occurredAt`. An
 * event that confirms the current status changes who owns it, not since
 * when it holds. A real change means more than the status: leaving online
 * starts the unavailability clock that grace reassignment counts from (away
 * then offline does not restart it), and coming back online starts a fresh
 * count of missed offers. Every field is written out in one literal, in the
 * order registration writes them: status events are most of a replay, and a
 * spread of the state (twice, with the rule above) was a third of a whole-log
 * floor fold.
 */
const inStatus = (state: RegisteredAgent, to: AgentStatus, occurredAt: string, setBy: StatusSetter): RegisteredAgent => {
  const changed = state.status !== to;
  const unavailableSince = !changed ? state.unavailableSince
    : to === 'online' ? null
      : state.status === 'online' ? occurredAt : state.unavailableSince;
  return {
    kind: 'registered',
    agentId: state.agentId,
    displayName: state.displayName,
    teams: state.teams,
    maxConcurrentConversations: state.maxConcurrentConversations,
    status: to,
    since: changed ? occurredAt : state.since,
    setBy,
    openConversations: state.openConversations,
    pendingOffers: state.pendingOffers,
    consecutiveMissedOffers: changed && to === 'online' ? 0 : state.consecutiveMissedOffers,
    unavailableSince,
  };
};

/** Only status events change an agent's status (registration starts it offline, unavailable since then). */
export const evolve = (state: AgentPresence, event: PresenceEvent): AgentPresence => {
  switch (event.type) {
    case 'AgentRegistered': {
      const { agentId, displayName, teams, maxConcurrentConversations } = event.data;
      return {
        kind: 'registered', agentId, displayName, teams, maxConcurrentConversations,
        status: INITIAL_STATUS, since: event.metadata.occurredAt, setBy: { kind: 'registration' }, openConversations: [],
        pendingOffers: [], consecutiveMissedOffers: 0, unavailableSince: event.metadata.occurredAt,
      };
    }
    case 'AgentProfileChanged': {
      if (state.kind !== 'registered') return state;
      const { displayName, teams, maxConcurrentConversations } = event.data;
      return { ...state, displayName, teams, maxConcurrentConversations };
    }
    case 'AgentStatusChanged': {
      if (state.kind !== 'registered') return state;
      const { data, metadata } = event;
      return inStatus(state, data.to, metadata.occurredAt, { kind: metadata.actor.kind, id: metadata.actor.id, reason: data.reason, reasonCode: data.reasonCode });
    }
    case 'AgentStatusOverridden': {
      if (state.kind !== 'registered') return state;
      const { data, metadata } = event;
      return inStatus(state, data.to, metadata.occurredAt, { kind: metadata.actor.kind, id: data.supervisorId, reason: data.reason, reasonCode: data.reasonCode });
    }
    case 'AgentStatusSetBySystem': {
      if (state.kind !== 'registered') return state;
      const { data, metadata } = event;
      return inStatus(state, data.to, metadata.occurredAt, { kind: metadata.actor.kind, id: metadata.actor.id, reason: null, reasonCode: data.reasonCode });
    }
    case 'AgentConversationAssigned':
      if (state.kind !== 'registered' || state.openConversations.includes(event.data.conversationId)) return state;
      return { ...state, openConversations: [...state.openConversations, event.data.conversationId] };
    case 'AgentConversationReleased':
      if (state.kind !== 'registered') return state;
      return { ...state, openConversations: state.openConversations.filter((id) => id !== event.data.conversationId) };
    case 'AgentOfferReserved':
    case 'AgentOfferAccepted':
    case 'AgentOfferReleased':
      return evolveOfferReservation(state, event);
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};

/** Online, and with room for one more conversation (pending offers count). */
export const canTakeConversation = (agent: RegisteredAgent): boolean =>
  agent.status === 'online' && agent.openConversations.length + agent.pendingOffers.length < agent.maxConcurrentConversations;

/** The catalogue code behind the current status, if any. */
export const currentReasonCode = (agent: RegisteredAgent): string | null =>
  agent.setBy.kind === 'registration' ? null : agent.setBy.reasonCode;

/**
 * Whether the system may change the agent's status (connection lost, missed
 * offer): only an agent who is online by its own choice. An agent who chose
 * away or offline stays so; a status a supervisor or an admin set stands,
 * because a person's explicit word outranks what the system infers from a
 * lost connection or a missed offer. Connection tracking watches exactly
 * these agents.
 */
export const systemMayChangeStatus = (agent: RegisteredAgent): boolean =>
  agent.status === 'online' && agent.setBy.kind === 'agent';

export const replay = (events: Iterable<PresenceEvent>, from: AgentPresence = initialPresence()): AgentPresence => {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
};
