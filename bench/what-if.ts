import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { ROUTING_POLICIES } from '@app/routing-domain';
import { RecordedDayBuilder, simulate, summarize, type LoggedEvent, type RecordedDay } from '@app/what-if';
import { readRecordedDay } from '../apps/what-if/src/recorded-log-reader.js';
import { figure, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';
import { DAY_START, asNewEvents, recordedDayLog, type DayShape } from './what-if-day.js';

const GROUP = 'what-if';
const SHAPE: DayShape = QUICK ? { agents: 120, conversations: 10_000, teams: 5 } : { agents: 1_000, conversations: 100_000, teams: 10 };
const RANGE = { from: DAY_START, to: DAY_START + 24 * 3600_000 };
/** Writing a log into SQLite is setup, and slow: the read figure is taken on a smaller day, in events per second. */
const SQLITE_SHAPE: DayShape = QUICK ? SHAPE : { agents: 200, conversations: 20_000, teams: 10 };
const sizeOf = (shape: DayShape) => `${shape.conversations / 1000}k conversations, ${shape.agents.toLocaleString('en-US')} agents`;
const SIZE = sizeOf(SHAPE);
/** WHAT_IF_DEMO_DIR=<folder>: also leave the day in <folder>/events.sqlite, for trying `npm run what-if` on it. */
const DEMO_DIR = process.env.WHAT_IF_DEMO_DIR;

const seconds = (started: number) => (performance.now() - started) / 1000;

const build = (log: readonly LoggedEvent[]): RecordedDay => {
  const builder = new RecordedDayBuilder(RANGE);
  for (const event of log) builder.add(event);
  return builder.build();
};

/** Appends the log in log order, a window of appends at a time (the store commits them in groups). */
const writeSqlite = async (path: string, log: readonly LoggedEvent[]): Promise<void> => {
  const store = new SqliteEventStore(path, { synchronous: 'NORMAL' });
  const events = asNewEvents(log);
  for (let start = 0; start < events.length; start += 2_000) {
    await Promise.all(events.slice(start, start + 2_000).map(({ streamId, event }) => store.append(streamId, [event], 'any')));
  }
  await store.close();
};

/** Reads the day back through the CLI's reader, as `npm run what-if` does; events per second. */
const readBack = async (path: string): Promise<number> => {
  const store = new SqliteEventStore(path, { readonly: true });
  const started = performance.now();
  const { events } = await readRecordedDay(store, RANGE);
  const elapsed = seconds(started);
  await store.close();
  return events / elapsed;
};

/** The SQLite read figure; with WHAT_IF_DEMO_DIR, the benchmarked day itself is left in that folder. */
const sqliteFigure = async (benchmarkedLog: readonly LoggedEvent[]): Promise<Figure> => {
  const shape = DEMO_DIR ? SHAPE : SQLITE_SHAPE;
  const log = DEMO_DIR || shape === SHAPE ? benchmarkedLog : recordedDayLog(shape);
  const folder = DEMO_DIR ?? mkdtempSync(join(tmpdir(), 'what-if-bench-'));
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'events.sqlite');
  rmSync(path, { force: true });
  const started = performance.now();
  await writeSqlite(path, log);
  progress(GROUP, `wrote ${log.length.toLocaleString('en-US')} events to ${path} in ${seconds(started).toFixed(1)} s`);
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await readBack(path));
  if (!DEMO_DIR) rmSync(folder, { recursive: true, force: true });
  return figure({ benchmark: `what-if reading the log from SQLite, ${sizeOf(shape)}`, unit: 'events/s', runs, details: { events: log.length } });
};

/** Stretches given to another agent than the record's: 0 for least-loaded, which recorded the day. */
const differencesFromRecord = (day: RecordedDay, outcome: ReturnType<typeof simulate>): number =>
  day.conversations.reduce((count, conversation, index) =>
    count + conversation.segments.filter((segment, stretch) => segment.recordedAgentId !== outcome.conversations[index].agents[stretch]).length, 0);

const simulations = (day: RecordedDay, events: number): Figure[] => Object.values(ROUTING_POLICIES).map((policy) => {
  const runs: number[] = [];
  let details: Record<string, unknown> = {};
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const outcome = simulate(day, policy);
    runs.push(seconds(started));
    const summary = summarize(outcome, { serviceLevelSeconds: 20 });
    details = {
      ...SHAPE, events, waitP50s: summary.waitSeconds.p50, waitP90s: summary.waitSeconds.p90, waitMaxS: summary.waitSeconds.max,
      overServiceLevel: summary.overServiceLevel, stretchesNotAsRecorded: differencesFromRecord(day, outcome),
    };
    progress(GROUP, `${policy.name}, run ${run + 1}/${RUNS}: ${runs[run].toFixed(2)} s, wait p90 ${summary.waitSeconds.p90.toFixed(1)} s, `
      + `${details.stretchesNotAsRecorded} stretches not as recorded`);
  }
  return figure({
    benchmark: `what-if ${policy.name}, ${SIZE}`, unit: 's', runs, details,
    ...(QUICK ? {} : { target: { text: '< 10 s per policy', isMet: (value: number) => value < 10 } }),
  });
});

await runGroup(GROUP, async () => {
  let started = performance.now();
  const log = recordedDayLog(SHAPE);
  progress(GROUP, `generated ${log.length.toLocaleString('en-US')} events (${SIZE}) in ${seconds(started).toFixed(1)} s`);
  const buildRuns: number[] = [];
  let day = build(log);
  for (let run = 0; run < RUNS; run++) {
    started = performance.now();
    day = build(log);
    buildRuns.push(seconds(started));
  }
  const figures = [figure({ benchmark: `what-if reading the log in memory, ${SIZE}`, unit: 's', runs: buildRuns, details: { events: log.length } })];
  figures.push(...simulations(day, log.length));
  figures.push(await sqliteFigure(log));
  return figures;
});
