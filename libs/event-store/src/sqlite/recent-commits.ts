import type { EventRow } from './event-row.js';
import { matchesEveryStream } from './stream-prefix-range.js';

/** The rows one group commit wrote: every row with `before` < position <= `last`, oldest first. */
export interface CommittedRows {
  readonly before: number;
  readonly last: number;
  readonly rows: readonly EventRow[];
}

/** Rows kept for subscriptions that follow the head; a subscription further behind reads SQLite. */
const DEFAULT_CAPACITY = 4096;

/** "Starts with one of the prefixes", as the store's SQL prefix filter (event-statements.ts) means it. */
export const streamFilter = (prefixes: readonly string[] | undefined): ((streamId: string) => boolean) =>
  matchesEveryStream(prefixes) ? () => true : (streamId) => prefixes!.some((prefix) => streamId.startsWith(prefix));

/**
 * The rows of this store's latest group commits, as it wrote them. A
 * subscription at the head reads the commit that woke it from here instead
 * of querying SQLite again: with a projection, a relay, the session hub and
 * the reports each following the log, one commit was read back four or five
 * times. Only an unbroken run of commits answers: `before` is the head read
 * under the commit's write lock, so no other process's row can fall between
 * two commits that meet; anything else answers undefined and the caller
 * reads SQLite.
 */
export class RecentCommits {
  private commits: CommittedRows[] = [];
  private rowCount = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  add(commit: CommittedRows): void {
    if (commit.rows.length === 0) return;
    const newest = this.commits[this.commits.length - 1];
    // A commit that does not meet the newest one (another process wrote between) starts a fresh run.
    if (newest && newest.last !== commit.before) this.clear();
    this.commits.push(commit);
    this.rowCount += commit.rows.length;
    while (this.rowCount > this.capacity && this.commits.length > 1) this.rowCount -= this.commits.shift()!.rows.length;
  }

  clear(): void {
    this.commits = [];
    this.rowCount = 0;
  }

  /**
   * Matching rows after `after`, at most `limit`, and how far they looked;
   * undefined when the kept commits do not cover the log right after `after`.
   */
  pageAfter(after: number, matches: (streamId: string) => boolean, limit: number): { rows: EventRow[]; scannedTo: number } | undefined {
    const start = this.commits.findIndex((commit) => commit.before <= after && after < commit.last);
    if (start < 0) return undefined;
    const rows: EventRow[] = [];
    let scannedTo = after;
    for (let index = start; index < this.commits.length; index++) {
      for (const row of this.commits[index].rows) {
        if (row[0] <= after || !matches(row[1])) continue;
        if (rows.length === limit) return { rows, scannedTo };
        rows.push(row);
        scannedTo = row[0];
      }
      scannedTo = this.commits[index].last;
    }
    return { rows, scannedTo };
  }
}
