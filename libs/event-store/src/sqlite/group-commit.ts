import type Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { appendToStream } from './append-to-stream.js';
import type { EventRow } from './event-row.js';
import type { EventStatements, EventToInsert } from './event-statements.js';
import type { CommittedRows } from './recent-commits.js';
import { sqliteCodeOf } from './sqlite-errors.js';
import type { WalSync } from './wal-sync.js';

export interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EventToInsert[];
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

/**
 * Group commit: appends that arrive in the same turn of the event loop are
 * written in one IMMEDIATE transaction, each in its own savepoint (a refused
 * one, wrong revision or duplicate id, leaves the others untouched), so under
 * concurrent load one fsync serves many acknowledged appends. None is
 * acknowledged before the commit and, with a WalSync, the fsync of the WAL
 * that follows it; groups are answered in commit order.
 */
export class GroupCommit {
  private pending: PendingAppend[] = [];
  private readonly commitGroup: (batch: readonly PendingAppend[]) => GroupOutcome;

  constructor(
    db: Database.Database,
    statements: EventStatements,
    /** Runs a database call, translating SQLite failures to port errors. */
    private readonly run: <T>(call: () => T) => T,
    private readonly walSync: WalSync | undefined,
    /** Told of every answered group's rows, in commit order. */
    private readonly onCommitted: (commit: CommittedRows) => void,
  ) {
    const appendOne = db.transaction((pending: PendingAppend, recordedAt: number) => {
      const result = appendToStream(statements, pending.streamId, pending.events, pending.expected, recordedAt);
      pending.alsoWrite?.(result);
      return result;
    });
    // IMMEDIATE takes the write lock at BEGIN, so the heads read inside cannot go stale
    // and two processes never both pass the expected-revision check.
    this.commitGroup = db.transaction((batch: readonly PendingAppend[]): GroupOutcome => {
      const before = statements.headPosition() ?? 0;
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

  enqueue(append: PendingAppend): void {
    this.pending.push(append);
    if (this.pending.length === 1) setImmediate(() => this.commitPending());
  }

  private commitPending(): void {
    const batch = this.pending;
    this.pending = [];
    let group: GroupOutcome;
    try {
      group = this.run(() => this.commitGroup(batch));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const { before, recordedAt, outcomes } = group;
    const rows = outcomes.flatMap((outcome, i) => ('result' in outcome ? rowsOf(batch[i], outcome.result, recordedAt) : []));
    const commit: CommittedRows = { before, last: rows.length > 0 ? rows[rows.length - 1][0] : before, rows };
    if (!this.walSync) {
      this.answer(batch, outcomes, commit);
      return;
    }
    // While the disk syncs, the event loop goes on parsing requests; their appends commit and join the next sync.
    // Even a group that wrote nothing waits: its answers must not overtake an earlier group's still syncing.
    this.walSync.flush().then(() => this.answer(batch, outcomes, commit), (error: Error) => {
      const unsynced = new EventStoreUnavailableError(`the event log could not be synced to disk: ${error.message}`);
      outcomes.forEach((outcome, i) => batch[i].reject('result' in outcome ? unsynced : outcome.error));
    });
  }

  private answer(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[], commit: CommittedRows): void {
    this.onCommitted(commit);
    outcomes.forEach((outcome, i) => ('result' in outcome ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error)));
  }
}
