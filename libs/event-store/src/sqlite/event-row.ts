import { UnreadableStoredEventError } from '../errors.js';
import type { JsonObject, RecordedEvent } from '../event-store.port.js';
import { positionOf } from '../global-position.js';

/** An `events` row as better-sqlite3 returns it. */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: number;
}

export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/** A stored JSON column; text that no longer parses names its event. */
const parsed = (row: EventRow, column: 'data' | 'metadata'): JsonObject => {
  try {
    return JSON.parse(row[column]);
  } catch (error) {
    throw new UnreadableStoredEventError(row.stream_id, row.revision, positionOf(row.position), `${column}: ${(error as Error).message}`);
  }
};

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  revision: row.revision,
  position: positionOf(row.position),
  type: row.type,
  data: parsed(row, 'data'),
  metadata: parsed(row, 'metadata'),
  recordedAt: new Date(row.recorded_at),
});
