import type { AgentStatus, CommandOf } from '@app/kernel';
import type { AgentProfile } from './agent-profile.js';
import type { OfferReservationCommand } from './offer-reservation-commands.js';
import type { ConversationReleaseReason } from './presence-events.js';
import type { SystemReasonCode } from './system-reasons.js';

/** Registers the agent, or changes its profile when it is registered already. */
export type PutAgentProfile = CommandOf<'PutAgentProfile', { readonly agentId: string } & AgentProfile>;

/** reasonCode: a catalogue code the caller has checked with reasonCodeProblem (see reason-code-problem.ts). */
export type SetAgentStatus = CommandOf<'SetAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason?: string;
  readonly reasonCode?: string;
}>;

export type OverrideAgentStatus = CommandOf<'OverrideAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason: string;
  readonly supervisorId: string;
  readonly reasonCode?: string;
}>;

/** The system only ever takes an agent out of routing; it never puts one online. */
export type SystemSetStatus = Exclude<AgentStatus, 'online'>;

/**
 * The system (metadata.actor.kind 'system', id naming the process) sets the
 * agent's status for a built-in reason. It applies to an online agent whose
 * status no supervisor set (see systemMayChangeStatus); otherwise it appends
 * nothing. Send it with the revision it reacted to as expected revision and a
 * command id derived from that revision, so several processes reacting to the
 * same lapse append one change.
 */
export type SetAgentStatusBySystem = CommandOf<'SetAgentStatusBySystem', {
  readonly agentId: string;
  readonly status: SystemSetStatus;
  readonly reasonCode: SystemReasonCode;
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
  | PutAgentProfile
  | SetAgentStatus
  | OverrideAgentStatus
  | SetAgentStatusBySystem
  | AcceptConversation
  | ReleaseConversation
  | OfferReservationCommand;
