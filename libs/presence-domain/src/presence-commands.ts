import type { Actor } from './actor.js';
import type { AgentProfile } from './agent-profile.js';
import type { AgentStatus } from './agent-status.js';
import type { ConversationReleaseReason } from './presence-events.js';

/** Everything impure a decision needs comes in here, so decide stays a pure function. */
export interface CommandMetadata {
  readonly now: Date;
  readonly actor: Actor;
  /** Unique per request; the client's Idempotency-Key when it sent one. */
  readonly commandId: string;
  readonly correlationId: string;
}

interface PresenceCommandOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** Registers the agent, or changes its profile when it is registered already. */
export type PutAgentProfile = PresenceCommandOf<'PutAgentProfile', { readonly agentId: string } & AgentProfile>;

export type SetAgentStatus = PresenceCommandOf<'SetAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason?: string;
}>;

export type OverrideAgentStatus = PresenceCommandOf<'OverrideAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason: string;
  readonly supervisorId: string;
}>;

/** The routing service asks the agent to take a conversation: only if online, in the team and under capacity. */
export type AcceptConversation = PresenceCommandOf<'AcceptConversation', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly team: string;
}>;

export type ReleaseConversation = PresenceCommandOf<'ReleaseConversation', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly reason: ConversationReleaseReason;
}>;

export type PresenceCommand = PutAgentProfile | SetAgentStatus | OverrideAgentStatus | AcceptConversation | ReleaseConversation;
