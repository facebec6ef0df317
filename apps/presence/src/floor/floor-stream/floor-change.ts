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
  /** The label of `data.reasonCode` in the catalogue now (status changes only; null without a code). */
  readonly reasonLabel?: string | null;
}

/** The reason code a status change carries, if the event is one. */
export const reasonCodeIn = (event: PresenceEvent): string | null | undefined =>
  'reasonCode' in event.data ? event.data.reasonCode : undefined;

/**
 * A floor message that is not an event: an agent's console connected or lost
 * its connection. It has no log position, so it carries no id and a resumed
 * feed does not replay it; GET /v1/floor shows every agent's connection now.
 */
export interface FloorConnectionChange {
  readonly type: 'connection';
  readonly agentId: string;
  readonly connected: boolean;
  readonly lastSeenAt: string | null;
}

export const FLOOR_CONNECTION_EVENT = 'connection';

export const floorChangeOf = (recorded: RecordedEvent, event: PresenceEvent, reasonLabelOf: (code: string | null) => string | null): FloorChange => ({
  position: formatPosition(recorded.position),
  revision: recorded.revision,
  eventId: recorded.id,
  type: event.type,
  agentId: event.data.agentId,
  occurredAt: event.metadata.occurredAt,
  actor: event.metadata.actor,
  data: event.data,
  ...(reasonCodeIn(event) === undefined ? {} : { reasonLabel: reasonLabelOf(reasonCodeIn(event) ?? null) }),
});
