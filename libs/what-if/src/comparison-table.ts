import type { PolicySummary } from './policy-summary.js';

/** 42.0 s, 12m 05s, 3h 04m: short enough for a table cell, exact enough to compare. */
export const formatDuration = (seconds: number): string => {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
};

const count = (value: number): string => (Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1));
const share = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);

/** Each row: its label and how it reads for one policy. */
const rows = (serviceLevelSeconds: number): readonly (readonly [string, (summary: PolicySummary) => string])[] => [
  ['conversations', (s) => count(s.conversations)],
  ['answered', (s) => count(s.answered)],
  ['gave up waiting', (s) => count(s.gaveUp)],
  ['still waiting at end of log', (s) => count(s.stillWaiting)],
  ['wait p50', (s) => formatDuration(s.waitSeconds.p50)],
  ['wait p90', (s) => formatDuration(s.waitSeconds.p90)],
  ['wait p99', (s) => formatDuration(s.waitSeconds.p99)],
  ['wait max', (s) => formatDuration(s.waitSeconds.max)],
  [`waited over service level (${serviceLevelSeconds} s)`, (s) => `${count(s.overServiceLevel)} (${share(s.overServiceLevel, s.conversations)})`],
  ['max queue length', (s) => count(s.maxQueueLength)],
  ['agents', (s) => count(s.agents)],
  ['conversations per agent: min', (s) => count(s.conversationsPerAgent.min)],
  ['                          median', (s) => count(s.conversationsPerAgent.median)],
  ['                          max', (s) => count(s.conversationsPerAgent.max)],
  ['busy time per agent: min', (s) => formatDuration(s.busySecondsPerAgent.min)],
  ['                     median', (s) => formatDuration(s.busySecondsPerAgent.median)],
  ['                     max', (s) => formatDuration(s.busySecondsPerAgent.max)],
];

/** The policies side by side: one row per figure, one column per policy, numbers right-aligned. */
export const formatComparison = (summaries: readonly PolicySummary[]): string => {
  const header = ['', ...summaries.map((summary) => summary.policy)];
  const table = [header, ...rows(summaries[0]?.serviceLevelSeconds ?? 0).map(([label, cell]) => [label, ...summaries.map(cell)])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...table.slice(1).map(line)].join('\n');
};
