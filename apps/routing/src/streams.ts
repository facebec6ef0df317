import type { CommandOutcome } from '@app/event-store';
import type { StreamRunner } from '@app/platform';
import type { AgentPresence, PresenceCommand, PresenceEvent } from '@app/presence-domain';
import type { Conversation, ConversationCommand, ConversationEvent, TeamCommand, TeamEvent, TeamRouting } from '@app/routing-domain';

/** Routing drives agent streams (accept, reserve, release), conversation streams and team streams with the one stream runner. */
export const AGENT_STREAMS = Symbol('RoutingAgentStreams');
export type AgentStreams = StreamRunner<PresenceCommand, AgentPresence, PresenceEvent>;

export const CONVERSATION_STREAMS = Symbol('ConversationStreams');
export type ConversationStreams = StreamRunner<ConversationCommand, Conversation, ConversationEvent>;
export type ConversationOutcome = CommandOutcome<Conversation, ConversationEvent>;

export const TEAM_STREAMS = Symbol('TeamStreams');
export type TeamStreams = StreamRunner<TeamCommand, TeamRouting, TeamEvent>;
