import type { EventStore } from './event-store.port.js';
import type { IdempotencyLedger } from './idempotency/idempotency-ledger.port.js';
import { StreamBackedIdempotencyLedger } from './idempotency/stream-backed-idempotency-ledger.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { SqliteIdempotencyLedger, SqliteSnapshotStore } from './sqlite/sqlite-runner-storage.js';
import { StreamBackedSnapshotStore } from './stream-state/stream-backed-snapshot-store.js';
import type { SnapshotStore } from './stream-state/stream-snapshot.port.js';

/** Nest token for the RunnerStorage of the app's store (the bare store, before any decorator). */
export const RUNNER_STORAGE = Symbol('RunnerStorage');

export interface RunnerStorage {
  readonly ledger: IdempotencyLedger;
  readonly snapshots: SnapshotStore;
}

/**
 * Where a store keeps a runner's idempotency records and snapshots: side
 * tables of the SQLite file, or streams of their own categories
 * (`idempotency-`, `snapshot-`) anywhere else. Pass the store itself, not a
 * decorator around it: a wrapped SQLite store would get streams.
 */
export const runnerStorageFor = (store: EventStore): RunnerStorage =>
  store instanceof SqliteEventStore
    ? { ledger: new SqliteIdempotencyLedger(store), snapshots: new SqliteSnapshotStore(store) }
    : { ledger: new StreamBackedIdempotencyLedger(store), snapshots: new StreamBackedSnapshotStore(store) };
