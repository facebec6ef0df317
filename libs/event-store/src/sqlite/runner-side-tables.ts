import type Database from 'better-sqlite3';

/**
 * Tables beside `events` in the same file, written in the same group
 * commits. Neither is read by readAll or subscriptions, so the event log
 * (and every projection of it) never sees them.
 * - stream_snapshots: the newest snapshot per stream; derived, deletable.
 * - idempotency_records: first outcome per (stream, command id), kept for
 *   the idempotency window and pruned after it (by recorded_at).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS stream_snapshots (
    stream_id TEXT PRIMARY KEY,
    revision  INTEGER NOT NULL,
    position  TEXT    NOT NULL,
    event_id  TEXT    NOT NULL,
    version   INTEGER NOT NULL,
    state     TEXT    NOT NULL,
    checksum  TEXT    NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS idempotency_records (
    stream_id   TEXT    NOT NULL,
    command_id  TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (stream_id, command_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS idempotency_records_by_age ON idempotency_records (recorded_at);
`;

export interface SnapshotRow {
  readonly stream_id: string;
  readonly revision: number;
  readonly position: string;
  readonly event_id: string;
  readonly version: number;
  readonly state: string;
  readonly checksum: string;
}

export interface RecordRow {
  readonly outcome: string;
  readonly recorded_at: number;
}

/** Expired records deleted per write that prunes: bounded, so no write pays for a long backlog at once. */
export const PRUNE_BATCH = 1000;

/** Statements on the side tables, prepared on the store's own connection (tables created on first use). */
export const prepareSideTables = (db: Database.Database) => {
  db.exec(SCHEMA);
  return {
    snapshotOf: db.prepare<[string], SnapshotRow>('SELECT * FROM stream_snapshots WHERE stream_id = ?'),
    saveSnapshot: db.prepare<[string, number, string, string, number, string, string]>(
      `INSERT INTO stream_snapshots (stream_id, revision, position, event_id, version, state, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position, event_id = excluded.event_id,
         version = excluded.version, state = excluded.state, checksum = excluded.checksum`),
    recordOf: db.prepare<[string, string], RecordRow>('SELECT outcome, recorded_at FROM idempotency_records WHERE stream_id = ? AND command_id = ?'),
    // First record wins; one older than the window (the last parameter) gives way.
    saveRecord: db.prepare<[string, string, string, number, number]>(
      `INSERT INTO idempotency_records (stream_id, command_id, outcome, recorded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream_id, command_id) DO UPDATE SET outcome = excluded.outcome, recorded_at = excluded.recorded_at
       WHERE idempotency_records.recorded_at < ?`),
    pruneRecords: db.prepare<[number]>(
      `DELETE FROM idempotency_records WHERE (stream_id, command_id) IN
         (SELECT stream_id, command_id FROM idempotency_records WHERE recorded_at < ? LIMIT ${PRUNE_BATCH})`),
  };
};

export type SideTables = ReturnType<typeof prepareSideTables>;
