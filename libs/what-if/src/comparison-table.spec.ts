import { describe, expect, it } from '@jest/globals';
import { formatComparison, formatDuration } from './comparison-table.js';
import type { PolicySummary } from './policy-summary.js';

const summary = (policy: string, p50: number): PolicySummary => ({
  policy, conversations: 1200, answered: 1190, gaveUp: 10, stillWaiting: 0,
  waitSeconds: { p50, p90: 75, p99: 610, max: 4000 }, serviceLevelSeconds: 20, overServiceLevel: 300, maxQueueLength: 14,
  agents: 25, conversationsPerAgent: { min: 12, median: 48.5, max: 90 }, busySecondsPerAgent: { min: 600, median: 14_400, max: 27_000 },
});

describe('the side-by-side table', () => {
  it('has one column per policy and one row per figure, numbers right-aligned', () => {
    const lines = formatComparison([summary('least-loaded', 4), summary('round-robin', 12.25)]).split('\n');
    expect(lines[0]).toMatch(/^\s+least-loaded\s+round-robin$/);
    expect(lines[1]).toMatch(/^-+  -+  -+$/);
    expect(lines.find((line) => line.startsWith('wait p50'))).toMatch(/4\.0 s\s+12\.3 s$/);
    expect(lines.find((line) => line.startsWith('waited over service level (20 s)'))).toMatch(/300 \(25\.0 %\)\s+300 \(25\.0 %\)$/);
    expect(lines.slice(13, 16).map((line) => line.split(/\s{2,}/).slice(-1)[0])).toEqual(['12', '48.5', '90']);
    expect(lines.slice(16, 19).map((line) => line.split(/\s{2,}/).slice(-1)[0])).toEqual(['10m 00s', '4h 00m', '7h 30m']);
    expect(lines).toHaveLength(19);
  });

  it('reads durations in the unit that suits them', () => {
    expect(formatDuration(0)).toBe('0.0 s');
    expect(formatDuration(59.94)).toBe('59.9 s');
    expect(formatDuration(61)).toBe('1m 01s');
    expect(formatDuration(3_599)).toBe('59m 59s');
    expect(formatDuration(3_600 * 25 + 90)).toBe('25h 02m');
  });
});
