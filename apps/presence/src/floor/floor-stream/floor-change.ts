import type { RecordedEvent } from '@app/event-store';
import { formatPosition } from '@app/event-store';
import type { PresenceEvent } from '@app/presence-domain';

/** One message of the live floor feed: what changed for which agent, where in the log. */
export interface FloorChange {
  readonly position: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: PresenceEvent['type'];
  readonly agentId: string;
  readonly occurredAt: string;
  readonly actor: PresenceEvent['metadata']['actor'];
  readonly data: PresenceEvent['data'];
}

export const floorChangeOf = (recorded: RecordedEvent, event: PresenceEvent): FloorChange => ({
  position: formatPosition(recorded.position),
  revision: recorded.revision,
  eventId: recorded.id,
  type: event.type,
  agentId: event.data.agentId,
  occurredAt: event.metadata.occurredAt,
  actor: event.metadata.actor,
  data: event.data,
});
