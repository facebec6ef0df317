import { createHash } from 'node:crypto';
import { formatPosition } from '../global-position.js';
import type { StreamSnapshot } from './stream-snapshot.port.js';

export type UnsealedSnapshot = Omit<StreamSnapshot, 'checksum'>;

/** JSON-encoded as a list, so no two different snapshots hash the same text. */
const checksumOf = (snapshot: UnsealedSnapshot): string =>
  createHash('sha256')
    .update(JSON.stringify([
      snapshot.streamId, snapshot.revision, formatPosition(snapshot.position), snapshot.eventId, snapshot.version, snapshot.state,
    ]))
    .digest('hex');

export const sealSnapshot = (snapshot: UnsealedSnapshot): StreamSnapshot => ({ ...snapshot, checksum: checksumOf(snapshot) });

/** Whether the snapshot is intact and was taken for this stream by this snapshot version. */
export const isSoundSnapshot = (snapshot: StreamSnapshot, streamId: string, version: number): boolean =>
  snapshot.streamId === streamId && snapshot.version === version && Number.isInteger(snapshot.revision) && snapshot.revision >= 0
    && snapshot.checksum === checksumOf(snapshot);
