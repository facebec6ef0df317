import type { EventHandler, Subscription, SubscribeOptions, SubscriptionCallbacks } from '../event-store.port.js';
import { rowSequenceOf, toRecordedEvent, type EventRow } from './event-row.js';
import type { EventStatements } from './event-statements.js';
import { RecentCommits, streamFilter, type CommittedRows } from './recent-commits.js';
import { SqliteSubscription } from './sqlite-subscription.js';
import type { WalSync } from './wal-sync.js';

/**
 * The end of the log as this store's subscriptions follow it: wakes them at
 * each commit (own ones as they are answered, other processes' by polling
 * `PRAGMA data_version` while anyone listens), hands them the rows of the
 * latest commits from memory, and, with a WalSync, lets nothing through
 * that is not yet on disk, so no projection or relay acts on a row that a
 * power cut could still take back.
 */
export class LogTail {
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly recent = new RecentCommits();
  private announceChange: () => void = () => undefined;
  private change: Promise<void> = this.freshChange();
  private poller: NodeJS.Timeout | undefined;
  private lastDataVersion = 0;
  /** With a WalSync, subscriptions read up to here: the newest row a finished sync covers. Unused without one (they read to the head). */
  private durableHead: number;

  constructor(
    private readonly statements: EventStatements,
    /** Runs a database call, refusing once closed and translating SQLite failures to port errors. */
    private readonly run: <T>(call: () => T) => T,
    private readonly walSync: WalSync | undefined,
    private readonly pollIntervalMs: number,
  ) {
    this.durableHead = walSync ? statements.headPosition() ?? 0 : 0;
  }

  /** An own group, answered (and synced, with a WalSync). */
  committed(commit: CommittedRows): void {
    this.durableHead = Math.max(this.durableHead, commit.last);
    this.recent.add(commit);
    if (commit.rows.length > 0) this.announceChange();
  }

  subscribe(handler: EventHandler, options: SubscribeOptions, callbacks: SubscriptionCallbacks): Subscription {
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
    const subscription = new SqliteSubscription(source, handler, rowSequenceOf(options.after), headAtStart, callbacks, (ended) => this.forget(ended));
    this.subscriptions.add(subscription);
    this.startPolling();
    return subscription;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.stopPolling();
  }

  /** The head first: every row up to it is committed, so a short page has looked through the log up to it. */
  private readPage(after: number, prefixes: readonly string[] | undefined, limit: number): { rows: EventRow[]; scannedTo: number } {
    const head = this.walSync ? this.durableHead : this.statements.headPosition() ?? 0;
    const rows = this.statements.readAfter(after, prefixes, limit, head);
    return { rows, scannedTo: rows.length < limit ? head : rows[rows.length - 1][0] };
  }

  /**
   * With a WalSync, rows other connections committed become readable for
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
