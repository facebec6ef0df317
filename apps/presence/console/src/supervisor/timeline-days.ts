import type { AgentStatus, StatusHistoryEntry } from '../api-types.js';

/** One day of the timeline, [start, end) in ms; `label` is what the row shows. */
export interface DayWindow {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/** A coloured bar: a status held from `start` to `end`, as a share of its day. */
export interface TimelineBar {
  readonly status: AgentStatus;
  readonly start: number;
  readonly end: number;
  readonly offsetPercent: number;
  readonly widthPercent: number;
  /** The change that began this status (null when it began before the window). */
  readonly cause: StatusHistoryEntry | null;
}

export interface TimelineDay {
  readonly day: DayWindow;
  readonly bars: readonly TimelineBar[];
}

interface Span {
  readonly status: AgentStatus;
  readonly start: number;
  readonly end: number;
  readonly cause: StatusHistoryEntry | null;
}

/** Consecutive statuses from `from` to `now`, from the history of changes in that window. */
const spansOf = (history: readonly StatusHistoryEntry[], statusNow: AgentStatus, from: number, now: number): Span[] => {
  const changes = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const spans: Span[] = [];
  let status = changes[0]?.from ?? statusNow;
  let start = from;
  let cause: StatusHistoryEntry | null = null;
  for (const change of changes) {
    const at = Math.max(from, Date.parse(change.at));
    if (at > start) spans.push({ status, start, end: at, cause });
    status = change.to;
    start = at;
    cause = change;
  }
  if (now > start) spans.push({ status, start, end: now, cause });
  return spans;
};

/**
 * The agent's history cut into one row per day: each status it held, as a bar
 * placed at its share of the day. Days after `now` stay empty; a status that
 * crosses midnight is cut into both days.
 */
export const timelineDays = (
  history: readonly StatusHistoryEntry[], statusNow: AgentStatus, days: readonly DayWindow[], now: number,
): TimelineDay[] => {
  if (days.length === 0) return [];
  const spans = spansOf(history, statusNow, days[0].start, now);
  return days.map((day) => {
    const length = day.end - day.start;
    const bars = spans
      .filter((span) => span.end > day.start && span.start < day.end)
      .map((span): TimelineBar => {
        const start = Math.max(span.start, day.start);
        const end = Math.min(span.end, day.end);
        return {
          status: span.status, start, end, cause: span.cause,
          offsetPercent: ((start - day.start) / length) * 100, widthPercent: ((end - start) / length) * 100,
        };
      });
    return { day, bars };
  });
};

/** The last `count` local calendar days up to today, oldest first. */
export const lastDays = (count: number, now: Date): DayWindow[] => {
  const days: DayWindow[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
    const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back + 1);
    days.push({ label: start.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' }), start: start.getTime(), end: end.getTime() });
  }
  return days;
};
