import type { GlobalPosition } from '../global-position.js';

/**
 * A stream's folded state after its event at `revision`, stored so that a
 * cold load reads only the events after it. Derived data, never the truth:
 * a snapshot that is missing, sealed by another code version, fails its
 * checksum or names an event the stream does not hold at `revision` is
 * ignored, and the stream is replayed from its first event.
 */
export interface StreamSnapshot {
  readonly streamId: string;
  /** Revision of the last event folded into `state`. */
  readonly revision: number;
  /** Global position of that event. */
  readonly position: GlobalPosition;
  /** Id of that event: a snapshot of another incarnation of the stream (a restored file) does not match. */
  readonly eventId: string;
  /** The decider's snapshot version; a state shape change bumps it and old snapshots are ignored. */
  readonly version: number;
  /** The state as JSON text. */
  readonly state: string;
  /** SHA-256 over every field above (see snapshot-seal.ts). */
  readonly checksum: string;
}

/** Where snapshots live: a side table (SQLite) or a `snapshot-<streamId>` stream (EventStoreDB). */
export interface SnapshotStore {
  /** The newest snapshot stored for the stream, undefined when there is none or it cannot be read. */
  read(streamId: string): Promise<StreamSnapshot | undefined>;
  /** Stores the snapshot as the stream's newest; a failure loses nothing but speed. */
  write(snapshot: StreamSnapshot): Promise<void>;
}
