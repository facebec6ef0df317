import type { AgentStatus, EventOf } from '@app/kernel';
import { OFFER_RESERVATION_EVENT_TYPES, type OfferReservationEvent } from './offer-reservation-events.js';
import type { SystemReasonCode } from './system-reasons.js';

/** Bump when an event's data changes shape; older versions are upcast on read (see upcast-presence-event.ts). */
export const PRESENCE_EVENT_SCHEMA_VERSION = 2;

export type AgentRegistered = EventOf<'AgentRegistered', {
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
}>;

export type AgentProfileChanged = EventOf<'AgentProfileChanged', {
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
}>;

/** Set by the agent itself. */
export type AgentStatusChanged = EventOf<'AgentStatusChanged', {
  readonly agentId: string;
  readonly from: AgentStatus;
  readonly to: AgentStatus;
  readonly reason: string | null;
  /** A code of the status reason catalogue (schema 2; null in version 1 events and when none was given). */
  readonly reasonCode: string | null;
}>;

/** Set by a supervisor for the agent; the reason and the supervisor are mandatory. */
export type AgentStatusOverridden = EventOf<'AgentStatusOverridden', {
  readonly agentId: string;
  readonly from: AgentStatus;
  readonly to: AgentStatus;
  readonly reason: string;
  readonly supervisorId: string;
  /** A code of the status reason catalogue (schema 2; null in version 1 events and when none was given). */
  readonly reasonCode: string | null;
}>;

/**
 * Set by the system, never by a person: an online agent whose console lost its
 * connection (`connection-lost`) or who missed an offer (`missed-offer`). The
 * actor in the metadata is the system process that decided it.
 */
export type AgentStatusSetBySystem = EventOf<'AgentStatusSetBySystem', {
  readonly agentId: string;
  readonly from: AgentStatus;
  readonly to: AgentStatus;
  readonly reasonCode: SystemReasonCode;
}>;

/** The routing service gave the agent a conversation; written to the agent's stream so capacity and status guard it. */
export type AgentConversationAssigned = EventOf<'AgentConversationAssigned', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly team: string;
}>;

/** `requeued`: taken back from an agent who stayed away or offline past the team's grace. */
export type ConversationReleaseReason = 'closed' | 'transferred' | 'assigned-elsewhere' | 'requeued';

/** The conversation no longer counts against the agent's capacity. */
export type AgentConversationReleased = EventOf<'AgentConversationReleased', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly reason: ConversationReleaseReason;
}>;

export type PresenceEvent =
  | AgentRegistered
  | AgentProfileChanged
  | AgentStatusChanged
  | AgentStatusOverridden
  | AgentStatusSetBySystem
  | AgentConversationAssigned
  | AgentConversationReleased
  | OfferReservationEvent;

export type PresenceEventType = PresenceEvent['type'];

export const PRESENCE_EVENT_TYPES: readonly PresenceEventType[] = [
  'AgentRegistered',
  'AgentProfileChanged',
  'AgentStatusChanged',
  'AgentStatusOverridden',
  'AgentStatusSetBySystem',
  'AgentConversationAssigned',
  'AgentConversationReleased',
  ...OFFER_RESERVATION_EVENT_TYPES,
];

export const agentStreamId = (agentId: string): string => `agent-${agentId}`;

export const AGENT_STREAM_PREFIX = 'agent-';
