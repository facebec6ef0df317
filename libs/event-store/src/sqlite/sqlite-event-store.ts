import type Database from 'better-sqlite3';
import { EventStoreUnavailableError, StreamNotFoundError } from '../errors.js';
import type {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionCallbacks,
} from '../event-store.port.js';
import { positionOf, type GlobalPosition } from '../global-position.js';
import { isPlainFilePath, openEventDatabase, type SynchronousMode } from './event-database.js';
import { rowSequenceOf, toRecordedEvent } from './event-row.js';
import { EventStatements, NO_LIMIT, type EventToInsert } from './event-statements.js';
import { GroupCommit } from './group-commit.js';
import { LogTail } from './log-tail.js';
import { toEventStoreError } from './sqlite-errors.js';
import { WalSync, type SyncFile } from './wal-sync.js';

export interface SqliteEventStoreOptions {
  /**
   * FULL (default): every acknowledged append is fsynced (on a file in WAL
   * mode the fsync runs off the event loop, see WalSync). NORMAL: faster,
   * may lose the last appends on power loss.
   */
  readonly synchronous?: SynchronousMode;
  /** How often subscriptions look for appends made by other processes on the same file. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before failing as unavailable. */
  readonly busyTimeoutMs?: number;
  /** Open the file for reads only (a copy, a read-only mount); appends fail as unavailable. */
  readonly readonly?: boolean;
  /** Path of a better_sqlite3.node to load instead of the installed one (tests). */
  readonly nativeBinding?: string;
  /** How the WAL file is fsynced (tests slow it down or make it fail). */
  readonly syncFile?: SyncFile;
}

export interface SqliteDurability {
  readonly journalMode: string;
  /** SQLite's own setting: 1 NORMAL, 2 FULL. */
  readonly synchronous: number;
  readonly busyTimeoutMs: number;
  /** True when the store fsyncs the WAL itself, off the event loop, before it acknowledges an append. */
  readonly syncsWalOffLoop: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


const toInsertable = (event: NewEvent): EventToInsert => {
  // EventStoreDB refuses ids that are not UUIDs; refusing them here too keeps the adapters interchangeable.
  if (!UUID.test(event.id)) throw new TypeError(`event id ${JSON.stringify(event.id)} is not a UUID`);
  return { id: event.id.toLowerCase(), type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
};

/** The embedded event store: one SQLite file in WAL mode, shareable by several processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly statements: EventStatements;
  private readonly groupCommit: GroupCommit;
  private readonly tail: LogTail;
  /** With synchronous FULL on a WAL file: the fsync that acknowledges appends, run off the event loop. */
  private readonly walSync: WalSync | undefined;
  private closing: Promise<void> | undefined;

  constructor(path: string, options: SqliteEventStoreOptions = {}) {
    this.db = openEventDatabase(path, {
      synchronous: options.synchronous ?? 'FULL',
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      readonly: options.readonly ?? false,
      nativeBinding: options.nativeBinding,
    });
    this.statements = new EventStatements(this.db);
    if (this.syncsOffLoop(path, options)) {
      // The COMMIT no longer fsyncs on the event loop; WalSync does before any append is acknowledged.
      this.db.pragma('synchronous = NORMAL');
      this.walSync = new WalSync(`${path}-wal`, options.syncFile);
    }
    const run = <T>(call: () => T): T => this.run(call);
    this.tail = new LogTail(this.statements, run, this.walSync, options.pollIntervalMs ?? 50);
    this.groupCommit = new GroupCommit(this.db, this.statements, run, this.walSync, (commit) => this.tail.committed(commit));
  }

  /** Joins the next group commit (see GroupCommit): answered once committed and, with synchronous FULL, on disk. */
  append(
    streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, alsoWrite?: (result: AppendResult) => void,
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      if (this.closing) {
        reject(new EventStoreUnavailableError('SQLite event store is closed'));
        return;
      }
      this.groupCommit.enqueue({ streamId, events: events.map(toInsertable), expected, alsoWrite, resolve, reject });
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? NO_LIMIT;
    const rows = this.run(() =>
      options.direction === 'backwards'
        ? this.statements.readStreamBackwards(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.readStreamForwards(streamId, options.fromRevision ?? 0, limit),
    );
    if (rows.length === 0 && this.run(() => this.statements.headOf(streamId)) === undefined) throw new StreamNotFoundError(streamId);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.run(() =>
      this.statements.readAfter(rowSequenceOf(options.after), options.streamPrefixes, options.maxCount ?? NO_LIMIT),
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription {
    return this.tail.subscribe(handler, options, callbacks);
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    const newest = this.run(() => this.statements.headPosition());
    return newest === undefined ? undefined : positionOf(newest);
  }

  /**
   * Hands this store's connection to side tables that share its file and its
   * transactions (snapshots, idempotency records); their writes go through
   * `append`'s `alsoWrite`, so they commit in the same group.
   */
  withConnection<T>(use: (db: Database.Database) => T): T {
    return this.run(() => use(this.db));
  }

  /** The settings durability depends on, as SQLite reports them (synchronous: 1 NORMAL, 2 FULL). */
  durability(): SqliteDurability {
    return this.run(() => ({
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
      syncsWalOffLoop: this.walSync !== undefined,
    }));
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private syncsOffLoop(path: string, options: SqliteEventStoreOptions): boolean {
    const wantsFull = (options.synchronous ?? 'FULL') === 'FULL';
    return wantsFull && !options.readonly && isPlainFilePath(path) && String(this.db.pragma('journal_mode', { simple: true })) === 'wal';
  }

  private async shutDown(): Promise<void> {
    await this.tail.stop();
    await this.walSync?.close();
    this.db.close();
  }

  /** Runs a database call, refusing once closed and translating SQLite failures to port errors. */
  private run<T>(call: () => T): T {
    if (this.closing) throw new EventStoreUnavailableError('SQLite event store is closed');
    try {
      return call();
    } catch (error) {
      throw toEventStoreError(error);
    }
  }
}
