import { uuidV5 } from '../deterministic-event-id.js';
import { StreamNotFoundError } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import { formatPosition, parsePosition } from '../global-position.js';
import type { SnapshotStore, StreamSnapshot } from './stream-snapshot.port.js';

/** Never change: snapshot event ids derive from it. */
const SNAPSHOT_EVENT_NAMESPACE = '3b0c7f52-9a41-4e8d-b6f2-5d1e8a7c4f90';

export const SNAPSHOT_STREAM_PREFIX = 'snapshot-';
export const SNAPSHOT_EVENT_TYPE = 'StreamSnapshotTaken';

/**
 * `snapshot-agent-a1` for `agent-a1`: its own category (`$ce-snapshot`), so
 * `$ce-agent` and every `agent-` prefix filter stay clean.
 */
export const snapshotStreamOf = (streamId: string): string => `${SNAPSHOT_STREAM_PREFIX}${streamId}`;

const asSnapshot = (data: Record<string, unknown>): StreamSnapshot | undefined => {
  const { streamId, revision, position, eventId, version, state, checksum } = data;
  const parsed = typeof position === 'string' ? parsePosition(position) : undefined;
  if (typeof streamId !== 'string' || typeof revision !== 'number' || !parsed || typeof eventId !== 'string'
    || typeof version !== 'number' || typeof state !== 'string' || typeof checksum !== 'string') return undefined;
  return { streamId, revision, position: parsed, eventId, version, state, checksum };
};

/**
 * Snapshots as events of a `snapshot-<streamId>` stream in the event store
 * itself (the EventStoreDB choice: no side table there); the newest is read
 * backwards, one event. Old snapshot events are dead weight: a `$maxCount`
 * of a few on those streams lets the server scavenge them.
 */
export class StreamBackedSnapshotStore implements SnapshotStore {
  constructor(private readonly store: EventStore) {}

  async read(streamId: string): Promise<StreamSnapshot | undefined> {
    try {
      const [newest] = await this.store.readStream(snapshotStreamOf(streamId), { direction: 'backwards', maxCount: 1 });
      return newest?.type === SNAPSHOT_EVENT_TYPE ? asSnapshot(newest.data) : undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async write(snapshot: StreamSnapshot): Promise<void> {
    const data = { ...snapshot, position: formatPosition(snapshot.position) };
    // From the whole content: the same snapshot written twice is stored once, a different one never collides.
    const id = uuidV5(SNAPSHOT_EVENT_NAMESPACE, JSON.stringify(data));
    await this.store.append(snapshotStreamOf(snapshot.streamId), [{ id, type: SNAPSHOT_EVENT_TYPE, data, metadata: {} }], 'any');
  }
}
