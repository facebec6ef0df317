import type { ActorKind, AgentStatus } from '@app/kernel';
import type { PresenceEvent } from './presence-events.js';

/** A presence event with where the store put it; the domain treats the position as opaque text. */
export interface PositionedPresenceEvent {
  readonly event: PresenceEvent;
  readonly position: string;
  readonly revision: number;
  readonly eventId: string;
}

export interface StatusHistoryEntry {
  readonly at: string;
  readonly from: AgentStatus;
  readonly to: AgentStatus;
  readonly reason: string | null;
  /** The catalogue code given with the change (a system change always has one); the caller adds its label. */
  readonly reasonCode: string | null;
  /** The real actor of the change: the agent, a supervisor, an admin, a service or the system. */
  readonly setBy: { readonly kind: ActorKind; readonly id: string };
  readonly eventType: 'AgentStatusChanged' | 'AgentStatusOverridden' | 'AgentStatusSetBySystem';
  readonly eventId: string;
  readonly position: string;
  readonly revision: number;
}

export interface TimeRange {
  /** Inclusive, ISO-8601; open when absent. */
  readonly from?: Date;
  /** Exclusive, ISO-8601; open when absent. */
  readonly to?: Date;
}

const inRange = (at: string, range: TimeRange): boolean => {
  const time = Date.parse(at);
  return (range.from === undefined || time >= range.from.getTime()) && (range.to === undefined || time < range.to.getTime());
};

const historyEntry = ({ event, position, revision, eventId }: PositionedPresenceEvent): StatusHistoryEntry | undefined => {
  switch (event.type) {
    case 'AgentStatusChanged':
      return {
        at: event.metadata.occurredAt, from: event.data.from, to: event.data.to, reason: event.data.reason, reasonCode: event.data.reasonCode,
        setBy: { kind: event.metadata.actor.kind, id: event.metadata.actor.id }, eventType: event.type, eventId, position, revision,
      };
    case 'AgentStatusOverridden':
      return {
        at: event.metadata.occurredAt, from: event.data.from, to: event.data.to, reason: event.data.reason, reasonCode: event.data.reasonCode,
        setBy: { kind: event.metadata.actor.kind, id: event.data.supervisorId }, eventType: event.type, eventId, position, revision,
      };
    case 'AgentStatusSetBySystem':
      return {
        at: event.metadata.occurredAt, from: event.data.from, to: event.data.to, reason: null, reasonCode: event.data.reasonCode,
        setBy: { kind: event.metadata.actor.kind, id: event.metadata.actor.id }, eventType: event.type, eventId, position, revision,
      };
    case 'AgentRegistered':
    case 'AgentProfileChanged':
    case 'AgentConversationAssigned':
    case 'AgentConversationReleased':
    case 'AgentOfferReserved':
    case 'AgentOfferAccepted':
    case 'AgentOfferReleased':
      return undefined;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};

/** Every status change of one agent within the range, in the order they happened. */
export const statusHistory = (events: Iterable<PositionedPresenceEvent>, range: TimeRange = {}): StatusHistoryEntry[] => {
  const entries: StatusHistoryEntry[] = [];
  for (const positioned of events) {
    const entry = historyEntry(positioned);
    if (entry && inRange(entry.at, range)) entries.push(entry);
  }
  return entries;
};
