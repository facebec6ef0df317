import type { CommandOutcome } from '@app/event-store';
import type { StreamRunner } from '@app/platform';
import type { AgentPresence, PresenceCommand, PresenceEvent } from '@app/presence-domain';
import type { Conversation, ConversationCommand, ConversationEvent } from '@app/routing-domain';

/** Routing drives agent streams (accept, release) and conversation streams with the one stream runner. */
export const AGENT_STREAMS = Symbol('RoutingAgentStreams');
export type AgentStreams = StreamRunner<PresenceCommand, AgentPresence, PresenceEvent>;

export const CONVERSATION_STREAMS = Symbol('ConversationStreams');
export type ConversationStreams = StreamRunner<ConversationCommand, Conversation, ConversationEvent>;
export type ConversationOutcome = CommandOutcome<Conversation, ConversationEvent>;
