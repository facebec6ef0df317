import { formatPosition, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { agentStreamId, evolve, upcastPresenceEvent, type AgentPresence } from '@app/presence-domain';
import { availabilityOf, type AgentAvailability } from '../../read-model/agent-availability.js';
import type { AgentView } from '../agent-views.js';
import { SESSION_EVENTS, type SessionMessageSource } from './session-messages.js';

/** One message as the session stream writes it. */
export interface SessionStreamMessage {
  readonly id?: string;
  readonly event: string;
  readonly data: unknown;
}

/** The availability message: the agent as GET /v1/agents/{id} shows it, and the event type that made it (null: the opening snapshot). */
export type AvailabilityMessage = AgentView & { readonly eventType: string | null };

/**
 * What one agent's session stream says about the events it follows: its own
 * stream's events as the agent's availability after each (folded here, so a
 * resumed stream shows each change as it was, not today's state), and the
 * events of the sources' streams that a source turns into a message for
 * this agent. Everything else is not for this session.
 */
export class SessionFeed {
  private readonly ownStream: string;

  constructor(
    private readonly agentId: string,
    private state: AgentPresence,
    private readonly sources: readonly SessionMessageSource[],
    private readonly viewOf: (agent: AgentAvailability) => AgentView,
  ) {
    this.ownStream = agentStreamId(agentId);
  }

  /** What the store subscription must deliver: the agent's stream (and streams sharing its prefix, dropped here) and the sources' streams. */
  get streamPrefixes(): string[] {
    return [this.ownStream, ...this.sources.flatMap((source) => source.streamPrefixes)];
  }

  /** The agent as it stood at `position` (the opening message of a fresh session). */
  snapshot(position: GlobalPosition, revision: number): SessionStreamMessage | undefined {
    if (this.state.kind !== 'registered') return undefined;
    const data: AvailabilityMessage = { ...this.viewOf(availabilityOf(this.state, revision, formatPosition(position))), eventType: null };
    return { id: formatPosition(position), event: SESSION_EVENTS.availability, data };
  }

  messagesOf(recorded: RecordedEvent): SessionStreamMessage[] {
    const id = formatPosition(recorded.position);
    if (recorded.streamId === this.ownStream) {
      const event = upcastPresenceEvent(recorded);
      if (!event) return [];
      this.state = evolve(this.state, event);
      if (this.state.kind !== 'registered') return [];
      const data: AvailabilityMessage = { ...this.viewOf(availabilityOf(this.state, recorded.revision, id)), eventType: event.type };
      return [{ id, event: SESSION_EVENTS.availability, data }];
    }
    return this.sources
      .filter((source) => source.streamPrefixes.some((prefix) => recorded.streamId.startsWith(prefix)))
      .flatMap((source) => {
        const message = source.messageOf(recorded);
        return message !== undefined && message.agentId === this.agentId ? [{ id, event: message.event, data: message.data }] : [];
      });
  }
}
