import type { StatusHistoryEntry } from '../api-types.js';
import { timelineDays, type DayWindow } from './timeline-days.js';

const HOUR = 3_600_000;
const DAY1 = Date.parse('2026-03-01T00:00:00Z');
const days: DayWindow[] = [
  { label: 'day 1', start: DAY1, end: DAY1 + 24 * HOUR },
  { label: 'day 2', start: DAY1 + 24 * HOUR, end: DAY1 + 48 * HOUR },
];

const entry = (hours: number, from: StatusHistoryEntry['from'], to: StatusHistoryEntry['to'], reason: string | null): StatusHistoryEntry => ({
  at: new Date(DAY1 + hours * HOUR).toISOString(), from, to, reason, setBy: { kind: 'agent', id: 'ada' },
  eventType: 'AgentStatusChanged', eventId: `e${hours}`, position: `${hours}/${hours}`, revision: hours,
});

const shape = (bars: readonly { status: string; offsetPercent: number; widthPercent: number }[]) =>
  bars.map(({ status, offsetPercent, widthPercent }) => [status, Math.round(offsetPercent), Math.round(widthPercent)]);

describe('the history timeline', () => {
  it('draws one bar per status, placed at its share of the day, with its reason', () => {
    const history = [entry(6, 'offline', 'online', 'shift start'), entry(12, 'online', 'away', 'lunch'), entry(18, 'away', 'offline', null)];
    const [day1] = timelineDays(history, 'offline', days.slice(0, 1), DAY1 + 24 * HOUR);
    expect(shape(day1.bars)).toEqual([['offline', 0, 25], ['online', 25, 25], ['away', 50, 25], ['offline', 75, 25]]);
    expect(day1.bars[2].cause?.reason).toBe('lunch');
    expect(day1.bars[0].cause).toBeNull();
  });

  it('cuts a status that crosses midnight into both days', () => {
    const history = [entry(18, 'offline', 'online', null)];
    const [day1, day2] = timelineDays(history, 'online', days, DAY1 + 30 * HOUR);
    expect(shape(day1.bars)).toEqual([['offline', 0, 75], ['online', 75, 25]]);
    expect(shape(day2.bars)).toEqual([['online', 0, 25]]);
  });

  it('shows the current status over the whole window when nothing changed in it', () => {
    const [day1, day2] = timelineDays([], 'away', days, DAY1 + 36 * HOUR);
    expect(shape(day1.bars)).toEqual([['away', 0, 100]]);
    expect(shape(day2.bars)).toEqual([['away', 0, 50]]);
  });

  it('leaves the future empty', () => {
    const [, day2] = timelineDays([], 'online', days, DAY1 + 12 * HOUR);
    expect(day2.bars).toEqual([]);
  });
});
