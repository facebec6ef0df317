/**
 * Issue 13: the time-in-status report, GET /v1/reports/time-in-status
 * ?from=&to=&team= (one row per agent), shown as a table and downloadable as
 * CSV (the same request with Accept: text/csv). The section shows only when
 * the server's OpenAPI document lists the route (server-features.ts).
 */
import { describeError, type ApiClient } from '../api-client.js';
import { field, h, liveRegion, replaceChildren } from '../dom.js';
import type { ServerFeatures } from './server-features.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** `datetime-local` wants local time without a zone. */
const localInput = (ms: number): string => {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
};

const query = (from: string, to: string, team: string): string =>
  `/v1/reports/time-in-status?${new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(team ? { team } : {}) })}`;

const cell = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? ''));

const table = (rows: readonly Record<string, unknown>[]): HTMLElement => {
  if (rows.length === 0) return h('p', {}, 'No agents in this range.');
  const columns = Object.keys(rows[0]);
  return h('div', { class: 'scroll' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Time in status per agent'),
    h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', { scope: 'col' }, column)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...columns.map((column) => h('td', {}, cell(row[column]))))))));
};

export const timeInStatusReport = (api: ApiClient, teams: readonly string[], features: ServerFeatures, now: number): HTMLElement => {
  const from = h('input', { type: 'datetime-local', name: 'from', value: localInput(now - DAY_MS), required: true });
  // The input shows whole minutes: round `to` up, or the last minute (with what just happened) falls outside the range.
  const to = h('input', { type: 'datetime-local', name: 'to', value: localInput(Math.ceil(now / MINUTE_MS) * MINUTE_MS), required: true });
  const team = h('select', { name: 'team' }, h('option', { value: '' }, 'All my teams'), ...teams.map((name) => h('option', { value: name }, name)));
  const result = h('div', { class: 'report-result' });
  const notice = liveRegion();
  const download = h('a', { class: 'button', hidden: true }, 'Save the CSV');
  const show = async (): Promise<void> => {
    notice.textContent = 'Loading the report…';
    const answer = await api.get<Record<string, unknown>[] | { rows: Record<string, unknown>[] }>(query(from.value, to.value, team.value));
    replaceChildren(result, table(Array.isArray(answer) ? answer : answer.rows ?? []));
    notice.textContent = '';
  };
  const csv = async (): Promise<void> => {
    const response = await api.request('GET', query(from.value, to.value, team.value), { accept: 'text/csv' });
    const blob = new Blob([await response.text()], { type: 'text/csv' });
    download.href = URL.createObjectURL(blob);
    download.download = `time-in-status-${from.value}-${to.value}.csv`;
    download.hidden = false;
    download.click();
    notice.textContent = 'The CSV is downloading; use "Save the CSV" to save it again.';
  };
  const form = h('form', { class: 'report-form' }, field('From', from), field('To', to), field('Team', team),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
    h('button', { type: 'button', onclick: () => void csv().catch((error: unknown) => { notice.textContent = describeError(error); }) }, 'Download CSV'),
    download);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show().catch((error: unknown) => { notice.textContent = describeError(error); });
  });
  return h('section', { class: 'card report', 'aria-labelledby': 'report-title', hidden: !features.has('timeInStatusReport') },
    h('h2', { id: 'report-title' }, 'Time in status'), form, notice, result);
};
