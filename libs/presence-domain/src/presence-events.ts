import type { Actor } from './actor.js';
import type { AgentStatus } from './agent-status.js';
import type { EventOf } from './message-envelopes.js';
import { OFFER_RESERVATION_EVENT_TYPES, type OfferReservationEvent } from './offer-reservation-events.js';

/** Bump when an event's data changes shape; older versions are upcast on read (see upcast-presence-event.ts). */
export const PRESENCE_EVENT_SCHEMA_VERSION = 1;

export interface EventMetadata {
  readonly schemaVersion: number;
  /** ISO-8601, from the command's clock: when the change happened in the product's eyes. */
  readonly occurredAt: string;
  readonly actor: Actor;
  /** The command that caused the event (an Idempotency-Key when the client sent one). */
  readonly causationId: string;
  readonly correlationId: string;
}

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
}>;

/** Set by a supervisor for the agent; the reason and the supervisor are mandatory. */
export type AgentStatusOverridden = EventOf<'AgentStatusOverridden', {
  readonly agentId: string;
  readonly from: AgentStatus;
  readonly to: AgentStatus;
  readonly reason: string;
  readonly supervisorId: string;
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
  | AgentConversationAssigned
  | AgentConversationReleased
  | OfferReservationEvent;

export type PresenceEventType = PresenceEvent['type'];

export const PRESENCE_EVENT_TYPES: readonly PresenceEventType[] = [
  'AgentRegistered',
  'AgentProfileChanged',
  'AgentStatusChanged',
  'AgentStatusOverridden',
  'AgentConversationAssigned',
  'AgentConversationReleased',
  ...OFFER_RESERVATION_EVENT_TYPES,
];

export const agentStreamId = (agentId: string): string => `agent-${agentId}`;

export const AGENT_STREAM_PREFIX = 'agent-';
