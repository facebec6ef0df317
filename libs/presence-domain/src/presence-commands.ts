import type { AgentStatus, CommandOf } from '@app/kernel';
import type { AgentProfile } from './agent-profile.js';
import type { ConversationReleaseReason } from './presence-events.js';

/** Registers the agent, or changes its profile when it is registered already. */
export type PutAgentProfile = CommandOf<'PutAgentProfile', { readonly agentId: string } & AgentProfile>;

export type SetAgentStatus = CommandOf<'SetAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason?: string;
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

export type PresenceCommand = PutAgentProfile | SetAgentStatus | OverrideAgentStatus | AcceptConversation | ReleaseConversation;
