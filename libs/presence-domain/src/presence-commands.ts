import type { Actor } from './actor.js';
import type { AgentProfile } from './agent-profile.js';
import type { AgentStatus } from './agent-status.js';
import type { CommandOf } from './message-envelopes.js';
import type { OfferReservationCommand } from './offer-reservation-commands.js';
import type { ConversationReleaseReason } from './presence-events.js';

/** Everything impure a decision needs comes in here, so decide stays a pure function. */
export interface CommandMetadata {
  readonly now: Date;
  readonly actor: Actor;
  /** Unique per request; the client's Idempotency-Key when it sent one. */
  readonly commandId: string;
  readonly correlationId: string;
}

/** Registers the agent, or changes its profile when it is registered already. */
export type PutAgentProfile = CommandOf<'PutAgentProfile', { readonly agentId: string } & AgentProfile>;

export type SetAgentStatus = CommandOf<'SetAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason?: string;
  /** A catalogued reason (issue 12); the system sets one of its built-in codes, e.g. `missed-offer`. */
  readonly reasonCode?: string;
}>;

export type OverrideAgentStatus = CommandOf<'OverrideAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason: string;
  readonly supervisorId: string;
}>;

/** The routing service asks the agent to take a conversation: only if online, in the team and under capacity. */
export type AcceptConversation = CommandOf<'AcceptConversation', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly team: string;
}>;

export type ReleaseConversation = CommandOf<'ReleaseConversation', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly reason: ConversationReleaseReason;
}>;

export type PresenceCommand =
  | PutAgentProfile | SetAgentStatus | OverrideAgentStatus | AcceptConversation | ReleaseConversation | OfferReservationCommand;
