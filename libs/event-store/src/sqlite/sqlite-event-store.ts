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
import { appendToStream } from './append-to-stream.js';
import { isPlainFilePath, openEventDatabase, type SynchronousMode } from './event-database.js';
import { toRecordedEvent, type EventRow } from './event-row.js';
import { RecentCommits, streamFilter, type CommittedRows } from './recent-commits.js';
import { EventStatements, NO_LIMIT, type EventToInsert } from './event-statements.js';
import { sqliteCodeOf, toEventStoreError } from './sqlite-errors.js';
import { SqliteSubscription } from './sqlite-subscription.js';
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

/** Positions this store hands out have commit = prepare = row sequence. */
const sequenceOf = (position: GlobalPosition | undefined): number => (position === undefined ? 0 : Number(position.commit));

const toInsertable = (event: NewEvent): EventToInsert => {
  // EventStoreDB refuses ids that are not UUIDs; refusing them here too keeps the adapters interchangeable.
  if (!UUID.test(event.id)) throw new TypeError(`event id ${JSON.stringify(event.id)} is not a UUID`);
  return { id: event.id.toLowerCase(), type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
};

interface PendingAppend {
  readonly streamId: string;
  readonly events: EventToInsert[];
  readonly expected: ExpectedRevision;
  /** Runs in the append's own savepoint once its rows are in: side-table rows that must commit with it. */
  readonly alsoWrite?: (result: AppendResult) => void;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type AppendOutcome = { readonly result: AppendResult } | { readonly error: unknown };

interface GroupOutcome {
  /** The newest position before the group, read under its write lock. */
  readonly before: number;
  readonly recordedAt: number;
  readonly outcomes: AppendOutcome[];
}

/** The rows a successful append wrote, rebuilt from its answer: its events have consecutive revisions and positions. */
const rowsOf = (pending: PendingAppend, result: AppendResult, recordedAt: number): EventRow[] => {
  const last = Number(result.position.commit);
  const count = pending.events.length;
  return pending.events.map((event, index): EventRow => {
    const back = count - 1 - index;
    return [last - back, pending.streamId, result.nextExpectedRevision - back, event.id, event.type, event.data, event.metadata, recordedAt];
  });
};
/** The embedded event store: one SQLite file in WAL mode, shareable by several processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly statements: EventStatements;
  private readonly groupCommit: (batch: readonly PendingAppend[]) => GroupOutcome;
  private readonly recent = new RecentCommits();
  private pendingAppends: PendingAppend[] = [];
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly pollIntervalMs: number;
  private announceChange: () => void = () => undefined;
  private change: Promise<void> = this.freshChange();
  private poller: NodeJS.Timeout | undefined;
  private lastDataVersion = 0;
  private closing: Promise<void> | undefined;
  /** With synchronous FULL on a WAL file: the fsync that acknowledges appends, run off the event loop. */
  private readonly walSync: WalSync | undefined;
  /** With walSync: subscriptions read up to here, so nothing downstream acts on a row that may yet vanish. */
  private durableHead = 0;

  constructor(path: string, options: SqliteEventStoreOptions = {}) {
    this.db = openEventDatabase(path, {
      synchronous: options.synchronous ?? 'FULL',
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      readonly: options.readonly ?? false,
      nativeBinding: options.nativeBinding,
    });
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.statements = new EventStatements(this.db);
    this.walSync = this.syncsOffLoop(path, options) ? new WalSync(`${path}-wal`, options.syncFile) : undefined;
    if (this.walSync) {
      // The COMMIT no longer fsyncs on the event loop; WalSync does before any append is acknowledged.
      this.db.pragma('synchronous = NORMAL');
      this.durableHead = this.statements.headPosition() ?? 0;
    }
    // Each append runs in its own savepoint, so a refused one (wrong revision,
    // duplicate id) leaves the others of the group untouched.
    const appendOne = this.db.transaction((pending: PendingAppend, recordedAt: number) => {
      const result = appendToStream(this.statements, pending.streamId, pending.events, pending.expected, recordedAt);
      pending.alsoWrite?.(result);
      return result;
    });
    // IMMEDIATE takes the write lock at BEGIN, so the heads read inside cannot go stale
    // and two processes never both pass the expected-revision check.
    this.groupCommit = this.db.transaction((batch: readonly PendingAppend[]): GroupOutcome => {
      const before = this.statements.headPosition() ?? 0;
      const recordedAt = Date.now();
      const outcomes = batch.map((pending): AppendOutcome => {
        try {
          return { result: appendOne(pending, recordedAt) };
        } catch (error) {
          // A storage failure (disk full, I/O) fails the whole group; a refusal fails only its append.
          if (sqliteCodeOf(error) !== undefined) throw error;
          return { error };
        }
      });
      return { before, recordedAt, outcomes };
    }).immediate;
  }

  /**
   * Group commit: appends that arrive in the same turn of the event loop are
   * written in one transaction, so under concurrent load one fsync serves
   * many acknowledged appends. Each append still gets its own expected-revision
   * check and its own answer, and none is acknowledged before the commit and,
   * with synchronous FULL, the fsync of the WAL that follows it.
   */
  append(
    streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, alsoWrite?: (result: AppendResult) => void,
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      if (this.closing) {
        reject(new EventStoreUnavailableError('SQLite event store is closed'));
        return;
      }
      const insertable = events.map(toInsertable);
      this.pendingAppends.push({ streamId, events: insertable, expected, alsoWrite, resolve, reject });
      if (this.pendingAppends.length === 1) setImmediate(() => this.commitPendingAppends());
    });
  }

  private commitPendingAppends(): void {
    const batch = this.pendingAppends;
    this.pendingAppends = [];
    let group: GroupOutcome;
    try {
      group = this.run(() => this.groupCommit(batch));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const { before, recordedAt, outcomes } = group;
    const rows = outcomes.flatMap((outcome, i) => ('result' in outcome ? rowsOf(batch[i], outcome.result, recordedAt) : []));
    const commit: CommittedRows = { before, last: rows.length > 0 ? rows[rows.length - 1][0] : before, rows };
    // Even a group that wrote nothing waits: its answers must not overtake an earlier group's still syncing.
    if (!this.walSync) {
      this.settle(batch, outcomes, commit);
      return;
    }
    // While the disk syncs, the event loop goes on parsing requests; their appends commit and join the next sync.
    this.walSync.flush().then(() => this.settle(batch, outcomes, commit), (error: Error) => {
      const unsynced = new EventStoreUnavailableError(`the event log could not be synced to disk: ${error.message}`);
      outcomes.forEach((outcome, i) => batch[i].reject('result' in outcome ? unsynced : outcome.error));
    });
  }

  /** Answers a committed (and, with walSync, synced) group and hands its rows to the subscriptions. */
  private settle(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[], commit: CommittedRows): void {
    this.durableHead = Math.max(this.durableHead, commit.last);
    this.recent.add(commit);
    outcomes.forEach((outcome, i) => ('result' in outcome ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error)));
    if (commit.rows.length > 0) this.announceChange();
  }

  private syncsOffLoop(path: string, options: SqliteEventStoreOptions): boolean {
    const wantsFull = (options.synchronous ?? 'FULL') === 'FULL';
    return wantsFull && !options.readonly && isPlainFilePath(path) && String(this.db.pragma('journal_mode', { simple: true })) === 'wal';
  }

  /**
   * With walSync, rows other connections committed become readable for
   * subscriptions once a sync of this store covers them (their writer may
   * sync off its loop too): read the head, sync, then let them through.
   */
  private coverCommittedRows(): void {
    if (!this.walSync) {
      this.announceChange();
      return;
    }
    const head = this.statements.headPosition() ?? 0;
    this.walSync.flush().then(() => {
      this.durableHead = Math.max(this.durableHead, head);
      this.announceChange();
    }, () => {
      // Tried again at the next poll.
      this.lastDataVersion = -1;
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
      this.statements.readAfter(sequenceOf(options.after), options.streamPrefixes, options.maxCount ?? NO_LIMIT),
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription {
    const headAtStart = this.run(() => this.statements.headPosition() ?? 0);
    // Rows another process wrote before this store polled are synced and let through.
    if (this.walSync && headAtStart > this.durableHead) this.coverCommittedRows();
    const matches = streamFilter(options.streamPrefixes);
    const source = {
      readPage: (after: number, limit: number) => {
        const { rows, scannedTo } = this.recent.pageAfter(after, matches, limit) ?? this.run(() => this.readPage(after, options.streamPrefixes, limit));
        return { events: rows.map(toRecordedEvent), scannedTo };
      },
      nextChange: () => this.change,
    };
    const subscription = new SqliteSubscription(source, handler, sequenceOf(options.after), headAtStart, callbacks, (ended) =>
      this.forget(ended),
    );
    this.subscriptions.add(subscription);
    this.startPolling();
    return subscription;
  }

  /** The head first: every row up to it is committed, so a short page has looked through the log up to it. */
  private readPage(after: number, prefixes: readonly string[] | undefined, limit: number): { rows: EventRow[]; scannedTo: number } {
    const head = this.walSync ? this.durableHead : this.statements.headPosition() ?? 0;
    const rows = this.statements.readAfter(after, prefixes, limit, head);
    return { rows, scannedTo: rows.length < limit ? head : rows[rows.length - 1][0] };
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

  private async shutDown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.stopPolling();
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

  private freshChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.announceChange = () => {
        this.change = this.freshChange();
        resolve();
      };
    });
  }

  private forget(subscription: SqliteSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) this.stopPolling();
  }

  /** Own appends announce themselves; only other connections' commits need polling, and only while someone listens. */
  private startPolling(): void {
    if (this.poller) return;
    this.lastDataVersion = this.statements.dataVersion();
    this.poller = setInterval(() => this.pollOtherConnections(), this.pollIntervalMs);
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private pollOtherConnections(): void {
    try {
      const version = this.statements.dataVersion();
      if (version === this.lastDataVersion) return;
      this.lastDataVersion = version;
      // Another process's rows lie past the kept commits: subscriptions read them from SQLite.
      this.recent.clear();
      this.coverCommittedRows();
    } catch {
      // A failing probe must not kill the timer; the subscriptions' own reads report lasting failures.
    }
  }
}
