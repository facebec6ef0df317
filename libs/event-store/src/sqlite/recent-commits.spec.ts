import type { EventRow } from './event-row.js';
import { RecentCommits, streamFilter } from './recent-commits.js';

const row = (position: number, streamId = 'agent-1'): EventRow => [position, streamId, position, `id-${position}`, 'Tested', '{}', '{}', 0];
const commit = (before: number, ...rows: EventRow[]) => ({ before, last: rows.length > 0 ? rows[rows.length - 1][0] : before, rows });
const everything = streamFilter(undefined);
const positions = (page: { rows: EventRow[] } | undefined) => page?.rows.map((r) => r[0]);

describe('RecentCommits', () => {
  it('answers from an unbroken run of commits, starting right after the position asked for', () => {
    const recent = new RecentCommits();
    recent.add(commit(10, row(11), row(12)));
    recent.add(commit(12, row(13)));

    expect(recent.pageAfter(10, everything, 100)).toEqual({ rows: [row(11), row(12), row(13)], scannedTo: 13 });
    expect(positions(recent.pageAfter(11, everything, 100))).toEqual([12, 13]);
  });

  it('does not answer for positions it does not cover: before its first commit, or at its newest row', () => {
    const recent = new RecentCommits();
    recent.add(commit(10, row(11), row(12)));

    expect(recent.pageAfter(9, everything, 100)).toBeUndefined();
    expect(recent.pageAfter(12, everything, 100)).toBeUndefined();
  });

  it('starts a fresh run when a commit does not meet the newest one (another process wrote between)', () => {
    const recent = new RecentCommits();
    recent.add(commit(10, row(11)));
    recent.add(commit(15, row(16)));

    expect(recent.pageAfter(10, everything, 100)).toBeUndefined();
    expect(positions(recent.pageAfter(15, everything, 100))).toEqual([16]);
  });

  it('filters by stream prefix and still reports how far it looked', () => {
    const recent = new RecentCommits();
    recent.add(commit(0, row(1, 'agent-1'), row(2, 'team-settings-a'), row(3, 'agent-2'), row(4, 'team-settings-b')));

    expect(recent.pageAfter(0, streamFilter(['agent-']), 100)).toEqual({ rows: [row(1, 'agent-1'), row(3, 'agent-2')], scannedTo: 4 });
    expect(recent.pageAfter(0, streamFilter(['reasons-']), 100)).toEqual({ rows: [], scannedTo: 4 });
  });

  it('stops at the limit, saying it looked only up to the last row it hands over', () => {
    const recent = new RecentCommits();
    recent.add(commit(0, row(1), row(2), row(3)));

    expect(recent.pageAfter(0, everything, 2)).toEqual({ rows: [row(1), row(2)], scannedTo: 2 });
  });

  it('keeps about its capacity in rows, dropping the oldest commits', () => {
    const recent = new RecentCommits(3);
    recent.add(commit(0, row(1), row(2)));
    recent.add(commit(2, row(3), row(4)));

    expect(recent.pageAfter(0, everything, 100)).toBeUndefined();
    expect(positions(recent.pageAfter(2, everything, 100))).toEqual([3, 4]);
  });

  it('matches prefixes literally, as the SQLite filter does', () => {
    expect(streamFilter(['agent-'])('agent-1')).toBe(true);
    expect(streamFilter(['agent-'])('agents')).toBe(false);
    expect(streamFilter(['a%'])('abc')).toBe(false);
    expect(streamFilter(['', 'x'])('anything')).toBe(true);
  });
});
