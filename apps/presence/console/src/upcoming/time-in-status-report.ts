/**
 * Issue 13: the time-in-status report, GET /v1/reports/time-in-status
 * ?from=&to=&team= (one row per agent; the first page of JSON), shown as a table and downloadable as
 * CSV (the same request with Accept: text/csv). The section shows only when
 * the server's OpenAPI document lists the route (server-features.ts).
 */
import { describeError, type ApiClient } from '../api-client.js';
import { field, h, liveRegion, replaceChildren } from '../dom.js';
import { formatDuration } from '../layout.js';
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

/** One row of GET /v1/reports/time-in-status (JSON): one agent over [from, to). */
export interface TimeInStatusRow {
  readonly agentId: string;
  readonly displayName: string;
  readonly seconds: Readonly<Record<'online' | 'away' | 'offline', number>>;
  readonly occupancy: { readonly shareOfOnline: number | null };
  readonly conversations: { readonly assigned: number; readonly closed: number };
  readonly offers: { readonly missed: number; readonly declined: number };
  readonly overridesReceived: number;
}

const COLUMNS = ['Agent', 'Online', 'Away', 'Offline', 'Occupancy', 'Assigned', 'Closed', 'Offers missed', 'Offers declined', 'Overrides'];

const cells = (row: TimeInStatusRow): string[] => [
  formatDuration(row.seconds.online * 1000), formatDuration(row.seconds.away * 1000), formatDuration(row.seconds.offline * 1000),
  row.occupancy.shareOfOnline === null ? '–' : `${Math.round(row.occupancy.shareOfOnline * 100)} %`,
  String(row.conversations.assigned), String(row.conversations.closed), String(row.offers.missed), String(row.offers.declined),
  String(row.overridesReceived),
];

const table = (rows: readonly TimeInStatusRow[]): HTMLElement => {
  if (rows.length === 0) return h('p', {}, 'No agents in this range.');
  return h('div', { class: 'scroll' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Time in status per agent'),
    h('thead', {}, h('tr', {}, ...COLUMNS.map((column) => h('th', { scope: 'col' }, column)))),
    h('tbody', {}, ...rows.map((row) => h('tr', { 'data-agent': row.agentId },
      h('th', { scope: 'row' }, row.displayName), ...cells(row).map((text) => h('td', {}, text)))))));
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
    replaceChildren(result, table(await api.get<TimeInStatusRow[]>(query(from.value, to.value, team.value))));
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
