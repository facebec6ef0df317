import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { NativeBindingMissingError, isNativeBindingMissing, toEventStoreError } from './sqlite-errors.js';

export type SynchronousMode = 'FULL' | 'NORMAL';

export interface EventDatabaseOptions {
  readonly synchronous: SynchronousMode;
  readonly busyTimeoutMs: number;
  readonly readonly: boolean;
  /** Path of a better_sqlite3.node to load instead of the installed one (tests). */
  readonly nativeBinding?: string;
}

/**
 * `position` is the global order. AUTOINCREMENT so that a position is never
 * handed out twice, even after the newest rows were deleted by hand.
 * UNIQUE(stream_id, revision) also serves reads of one stream;
 * UNIQUE(event_id) is the idempotency lookup. No (stream_id, position)
 * index: readAll scans by position (see EventStatements), so it would
 * only slow appends down.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  );
`;

/** Not `:memory:` and not a `file:` URI, whose folder we cannot tell. */
export const isPlainFilePath = (path: string): boolean => path !== '' && path !== ':memory:' && !path.startsWith('file:');

const open = (path: string, options: EventDatabaseOptions): Database.Database => {
  try {
    if (isPlainFilePath(path) && !options.readonly) mkdirSync(dirname(path), { recursive: true });
    return new Database(path, { timeout: options.busyTimeoutMs, readonly: options.readonly, nativeBinding: options.nativeBinding });
  } catch (error) {
    if (isNativeBindingMissing(error)) throw new NativeBindingMissingError(error);
    throw toEventStoreError(error);
  }
};

const hasSchema = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;

/** Opens (creating if needed) the event database with the durability settings the store relies on. */
export const openEventDatabase = (path: string, options: EventDatabaseOptions): Database.Database => {
  // The mode is spliced into a PRAGMA and often comes from configuration text.
  if (options.synchronous !== 'FULL' && options.synchronous !== 'NORMAL')
    throw new TypeError(`synchronous must be FULL or NORMAL, not ${JSON.stringify(options.synchronous)}`);
  const db = open(path, options);
  try {
    // WAL lets readers (subscriptions, other processes) run while a writer commits.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL skips the fsync at each commit and syncs only at
    // checkpoints, so a power loss can drop the last acknowledged appends.
    // FULL fsyncs the WAL on every commit: an acknowledged append is on disk.
    db.pragma(`synchronous = ${options.synchronous}`);
    // Checked first so that a read-only file whose schema exists still opens for reads.
    if (!hasSchema(db)) db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw toEventStoreError(error);
  }
};
