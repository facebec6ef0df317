import type { Figure } from './figure.js';

const number = (value: number): string => {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

const HEADER = ['benchmark', 'figure', 'unit', 'baseline', 'ratio', 'target', 'met?'];
/** Right-aligned columns (numbers). */
const RIGHT = new Set([1, 4]);

const cells = (row: Figure): string[] => [
  row.benchmark,
  number(row.value),
  row.unit,
  row.baseline ? `${number(row.baseline.value)} (${row.baseline.name})` : '-',
  row.ratio === undefined ? '-' : row.ratio.toFixed(2),
  row.target?.text ?? '-',
  row.target ? (row.target.met ? 'yes' : 'NO') : '-',
];

/** The figures as an aligned text table, one row each. */
export const formatTable = (figures: readonly Figure[]): string => {
  const rows = [HEADER, ...figures.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (RIGHT.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
};
