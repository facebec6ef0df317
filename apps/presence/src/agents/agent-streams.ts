import type { CommandOutcome } from '@app/event-store';
import type { StreamRunner } from '@app/platform';
import type { AgentPresence, PresenceCommand, PresenceEvent } from '@app/presence-domain';

/** The stream runner of agent streams (runnerFor(presenceDecider)), injected under this token. */
export const AGENT_STREAMS = Symbol('AgentStreams');

export type AgentStreams = StreamRunner<PresenceCommand, AgentPresence, PresenceEvent>;

export type AgentCommandOutcome = CommandOutcome<AgentPresence, PresenceEvent>;
