import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteEventStore, chainHeadAfter, linkToChain, verifyChain, verifyStreamChains, type NewEvent, type RecordedEvent,
} from '@app/event-store';
import { AGENT_STREAM_PREFIX, TimeInStatusProjection, agentStreamId, timeInStatusCsv } from '@app/presence-domain';
import { figure, median, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { START, generateReportHistory } from './report-history.js';
import { QUICK, RUNS } from './scale.js';

const GROUP = 'reports';
const AGENTS = QUICK ? 1_000 : 10_000;
const DAYS = 30;
const VERIFY_AGENTS = QUICK ? 200 : 1_000;
const VERIFY_EVENTS_PER_AGENT = 100;
const PAGE = 4096;

const ms = (started: number) => performance.now() - started;

/** CPU milliseconds per label: on a shared machine wall time also counts other processes' turns. */
const cpuMs = new Map<number[], number[]>();

const timed = <T>(runs: number[], work: () => T): T => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = work();
  runs.push(ms(started));
  const used = process.cpuUsage(cpu);
  cpuMs.set(runs, [...(cpuMs.get(runs) ?? []), (used.user + used.system) / 1000]);
  return result;
};

const withCpu = (runs: number[], details: Record<string, unknown>) => ({ ...details, cpuMs: median(cpuMs.get(runs) ?? []) });

const measureReport = (): Figure[] => {
  const projection = new TimeInStatusProjection();
  progress(GROUP, `projecting ${AGENTS} agents x ${DAYS} days`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const history = generateReportHistory(AGENTS, DAYS, (event) => projection.apply(event));
  const buildSeconds = ms(started) / 1000;
  const buildCpu = process.cpuUsage(cpu);
  progress(GROUP, `${history.events} events generated and projected in ${buildSeconds.toFixed(1)} s (${((buildCpu.user + buildCpu.system) / 1e6).toFixed(1)} s CPU)`);
  const month = { from: history.from, to: history.to, now: history.to };
  const oneDay = { from: new Date(START + 14 * 86_400_000 + 3_600_000), to: new Date(START + 15 * 86_400_000 + 3_600_000), now: history.to };
  const runs = { month: [] as number[], team: [] as number[], day: [] as number[], csv: [] as number[], json: [] as number[] };
  // A server answers with warm code; the first calls of a fresh process measure the JIT, not the report.
  for (let warm = 0; warm < 3; warm++) timeInStatusCsv(projection.report(oneDay));
  for (let run = 0; run < RUNS; run++) {
    const rows = timed(runs.month, () => projection.report(month));
    if (rows.length !== AGENTS) throw new Error(`report has ${rows.length} rows, expected ${AGENTS}`);
    timed(runs.team, () => projection.report({ ...month, team: 'team-7' }));
    timed(runs.day, () => projection.report(oneDay));
    const csv = timed(runs.csv, () => timeInStatusCsv(rows));
    if (!csv.startsWith('agent_id,')) throw new Error('CSV has no header');
    timed(runs.json, () => JSON.stringify(rows));
    const cpuOf = (list: number[]) => cpuMs.get(list)![run].toFixed(0);
    progress(GROUP, `run ${run + 1}/${RUNS}: month ${runs.month[run].toFixed(0)} ms (${cpuOf(runs.month)} CPU), one day ${runs.day[run].toFixed(0)} ms (${cpuOf(runs.day)} CPU), CSV ${runs.csv[run].toFixed(0)} ms (${cpuOf(runs.csv)} CPU)`);
  }
  const details = { agents: AGENTS, days: DAYS, events: history.events, projectSeconds: buildSeconds, projectCpuSeconds: (buildCpu.user + buildCpu.system) / 1e6, heapUsedBytes: process.memoryUsage().heapUsed };
  return [
    figure({ benchmark: `report: time in status, ${AGENTS} agents x ${DAYS} days`, unit: 'ms', runs: runs.month, details: withCpu(runs.month, details), target: { text: '< 1000 ms', isMet: (value) => value < 1000 } }),
    figure({ benchmark: 'report: time in status, one day, all agents', unit: 'ms', runs: runs.day, details: withCpu(runs.day, details) }),
    figure({ benchmark: 'report: time in status, one team (1/50), month', unit: 'ms', runs: runs.team, details: withCpu(runs.team, details) }),
    figure({ benchmark: 'report: time in status as CSV, all agents', unit: 'ms', runs: runs.csv, details: withCpu(runs.csv, details) }),
    figure({ benchmark: 'report: time in status as JSON text, all agents', unit: 'ms', runs: runs.json, details: withCpu(runs.json, details) }),
    figure({ benchmark: 'report: projection apply', unit: 'events/s', runs: [history.events / buildSeconds], details: { ...details, note: 'includes generating the events' } }),
  ];
};

/** Agent streams whose events carry chain values, appended in batches as the command runner would link them. */
const writeChainedLog = async (path: string): Promise<number> => {
  const store = new SqliteEventStore(path, { synchronous: 'NORMAL' });
  let count = 0;
  try {
    for (let agent = 0; agent < VERIFY_AGENTS; agent++) {
      const agentId = `v${agent}`;
      const events: NewEvent[] = Array.from({ length: VERIFY_EVENTS_PER_AGENT }, (_, n) => ({
        id: `01890000-0000-7000-8000-${(count + n).toString(16).padStart(12, '0')}`,
        type: n === 0 ? 'AgentRegistered' : 'AgentStatusChanged',
        data: n === 0 ? { agentId, displayName: `Agent ${agent}`, teams: ['sales'], maxConcurrentConversations: 2 } : { agentId, from: 'online', to: 'away', reason: 'bench' },
        metadata: { schemaVersion: 1, occurredAt: new Date(START + (count + n) * 1000).toISOString(), actor: { kind: 'agent', id: agentId }, causationId: `c${count + n}`, correlationId: 'bench' },
      }));
      await store.append(agentStreamId(agentId), linkToChain(chainHeadAfter(undefined), events), 'no_stream');
      count += events.length;
    }
  } finally {
    await store.close();
  }
  return count;
};

const readWholeLog = async (store: SqliteEventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.at(-1)?.position, maxCount: PAGE, streamPrefixes: [AGENT_STREAM_PREFIX] });
    all.push(...page);
    if (page.length < PAGE) return all;
  }
};

const measureVerification = async (): Promise<Figure[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-chain-'));
  try {
    const path = join(dir, 'events.sqlite');
    const events = await writeChainedLog(path);
    const store = new SqliteEventStore(path, { readonly: true });
    const runs = { verify: [] as number[], verifyCpu: [] as number[], read: [] as number[], hash: [] as number[] };
    try {
      for (let run = 0; run < RUNS; run++) {
        const cpu = process.cpuUsage();
        let started = performance.now();
        const verdicts = await verifyStreamChains(store, AGENT_STREAM_PREFIX, PAGE);
        runs.verify.push(events / (ms(started) / 1000));
        const used = process.cpuUsage(cpu);
        runs.verifyCpu.push(events / ((used.user + used.system) / 1e6));
        if (verdicts.length !== VERIFY_AGENTS || verdicts.some(({ verdict }) => !verdict.ok)) throw new Error('the chained log did not verify');
        started = performance.now();
        const recorded = await readWholeLog(store);
        runs.read.push(recorded.length / (ms(started) / 1000));
        const streams = new Map<string, RecordedEvent[]>();
        for (const event of recorded) {
          const stream = streams.get(event.streamId);
          if (stream) stream.push(event);
          else streams.set(event.streamId, [event]);
        }
        started = performance.now();
        for (const stream of streams.values()) if (!verifyChain(stream).ok) throw new Error('in-memory verification failed');
        runs.hash.push(recorded.length / (ms(started) / 1000));
        progress(GROUP, `run ${run + 1}/${RUNS}: verify ${runs.verify[run].toFixed(0)} events/s (${runs.verifyCpu[run].toFixed(0)} per CPU second; raw readAll ${runs.read[run].toFixed(0)}/s, hashing alone ${runs.hash[run].toFixed(0)}/s)`);
      }
    } finally {
      await store.close();
    }
    const details = { events, streams: VERIFY_AGENTS, page: PAGE, eventsPerCpuSecond: median(runs.verifyCpu) };
    return [
      figure({ benchmark: 'audit: verify every agent chain (SQLite)', unit: 'events/s', runs: runs.verify, baseline: { name: 'raw readAll', runs: runs.read }, details }),
      figure({ benchmark: 'audit: chain hashing alone, in memory', unit: 'events/s', runs: runs.hash, details }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

await runGroup(GROUP, async () => [...measureReport(), ...(await measureVerification())]);
