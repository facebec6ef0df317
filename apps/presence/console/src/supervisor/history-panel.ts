import { describeError, type ApiClient } from '../api-client.js';
import type { AgentAvailability, StatusHistoryEntry } from '../api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatDuration, formatTime, STATUS_LABELS } from '../layout.js';
import { lastDays, timelineDays, type TimelineBar, type TimelineDay } from './timeline-days.js';

const DAYS = 7;

const causeText = (bar: TimelineBar): string => {
  const cause = bar.cause;
  if (!cause) return 'assumed: no change recorded before this one this week (or not registered yet)';
  const who = cause.setBy.kind === 'agent' ? `by ${cause.setBy.id}` : `by ${cause.setBy.kind}${cause.setBy.id ? ` ${cause.setBy.id}` : ''}`;
  const why = [cause.reasonCode ? `[${cause.reasonCode}]` : '', cause.reason ?? ''].filter(Boolean).join(' ');
  return `${who}${why ? `: ${why}` : ''}`;
};

const barTitle = (bar: TimelineBar): string =>
  `${STATUS_LABELS[bar.status]} ${formatTime(bar.start)}–${formatTime(bar.end)} (${formatDuration(bar.end - bar.start)}), ${causeText(bar)}`;

/** Placed through the CSSOM: the console's CSP allows no inline style attributes. */
const barElement = (bar: TimelineBar): HTMLElement => {
  const element = h('span', { class: `bar status-${bar.status}${bar.cause ? '' : ' assumed'}`, title: barTitle(bar), 'data-status': bar.status });
  element.style.left = `${bar.offsetPercent.toFixed(3)}%`;
  element.style.width = `${Math.max(bar.widthPercent, 0.2).toFixed(3)}%`;
  return element;
};

const dayRow = ({ day, bars }: TimelineDay): HTMLElement => {
  const totals = (['online', 'away', 'offline'] as const)
    .map((status) => [status, bars.filter((bar) => bar.status === status).reduce((sum, bar) => sum + bar.end - bar.start, 0)] as const)
    .filter(([, ms]) => ms > 0).map(([status, ms]) => `${status} ${formatDuration(ms)}`).join(', ');
  return h('li', { class: 'timeline-day' },
    h('span', { class: 'day-label' }, day.label),
    h('div', { class: 'day-track', role: 'img', 'aria-label': `${day.label}: ${totals || 'no data'}` },
      ...bars.map(barElement)));
};

const changesTable = (history: readonly StatusHistoryEntry[]): HTMLElement => h('details', { class: 'changes' },
  h('summary', {}, `Every change this week (${history.length})`),
  h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, ...['When', 'From', 'To', 'By', 'Reason'].map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, ...[...history].reverse().map((entry) => h('tr', {},
      h('td', {}, formatTime(entry.at)), h('td', {}, entry.from), h('td', {}, entry.to),
      h('td', {}, `${entry.setBy.kind}${entry.setBy.id ? ` ${entry.setBy.id}` : ''}`),
      h('td', {}, [entry.reasonCode ? `[${entry.reasonCode}]` : '', entry.reason ?? ''].filter(Boolean).join(' ') || '–')))))));

/**
 * An agent's last seven days as coloured bars (one row per day; hover a bar
 * for when, who and why), with the same changes as a table for reading.
 */
export const historyPanel = (api: ApiClient) => {
  const body = h('div', { class: 'history-body' });
  const title = h('h2', { id: 'history-title', tabindex: -1 }, 'History');
  const close = h('button', { type: 'button', class: 'quiet' }, 'Close history');
  const element = h('section', { class: 'card history', 'aria-labelledby': 'history-title', hidden: true },
    h('div', { class: 'section-head' }, title, close), body);
  close.addEventListener('click', () => { element.hidden = true; });
  const legend = h('p', { class: 'legend' }, ...(['online', 'away', 'offline'] as const).map((status) =>
    h('span', {}, h('span', { class: `dot status-${status}`, 'aria-hidden': 'true' }), ` ${STATUS_LABELS[status]} `)));
  const show = async (agent: AgentAvailability): Promise<void> => {
    element.hidden = false;
    title.textContent = `History of ${agent.displayName} (last ${DAYS} days)`;
    replaceChildren(body, h('p', {}, 'Loading…'));
    title.focus();
    const now = new Date();
    const days = lastDays(DAYS, now);
    try {
      const history = await api.get<StatusHistoryEntry[]>(
        `/v1/agents/${encodeURIComponent(agent.agentId)}/status-history?from=${encodeURIComponent(new Date(days[0].start).toISOString())}`);
      replaceChildren(body, legend, h('ol', { class: 'timeline' }, ...timelineDays(history, agent.status, days, now.getTime()).map(dayRow)), changesTable(history));
    } catch (error) {
      replaceChildren(body, h('p', { class: 'notice error' }, describeError(error)));
    }
  };
  return { element, show };
};
