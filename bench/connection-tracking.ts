import { ConnectionTracker } from '@app/presence-domain';
import { figure, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';

const GROUP = 'connection-tracking';
const AGENTS = QUICK ? 10_000 : 100_000;
const SIGNALS = QUICK ? 100_000 : 500_000;
const SCANS = QUICK ? 10 : 20;
const T0 = Date.UTC(2026, 10, 25, 9);
const settings = { timeoutMs: 60_000, startedAt: T0, graceMs: 60_000, signalDelayMs: 2000 };

/**
 * A floor of AGENTS online agents, each with one open session, as one
 * presence process holds it. Signals: session-alive for a random-looking
 * agent (what every process receives for every open session, every 20 s),
 * against a Map write as the baseline. Scans: dueAt over the whole floor
 * (what the tracking process does once a second), with 1% of agents due.
 */
const floor = (): { tracker: ConnectionTracker; ids: string[] } => {
  const tracker = new ConnectionTracker(settings);
  const ids = Array.from({ length: AGENTS }, (_, i) => `agent-${i}`);
  ids.forEach((agentId, i) => {
    tracker.statusObserved({ agentId, revision: 1, watched: true, since: T0 });
    if (i % 100 !== 0) tracker.sessionOpened(agentId, `p1/s-${i}`, T0 + 200_000);
  });
  return { tracker, ids };
};

/** Wall-clock rate, and the rate per second of this process's CPU time (the machine may be shared). */
const signalsPerSecond = (tracker: ConnectionTracker, ids: string[]): { wall: number; cpu: number } => {
  const sessions = ids.map((_, i) => `p1/s-${i}`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let n = 0; n < SIGNALS; n++) {
    const i = (n * 7919) % AGENTS;
    tracker.sessionAlive(ids[i], sessions[i], T0 + 200_000 + n);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: SIGNALS / ((performance.now() - started) / 1000), cpu: SIGNALS / ((cpu.user + cpu.system) / 1e6) };
};

const mapWritesPerSecond = (ids: string[]): number => {
  const seen = new Map<string, number>();
  const started = performance.now();
  for (let n = 0; n < SIGNALS; n++) seen.set(ids[(n * 7919) % AGENTS], T0 + n);
  return SIGNALS / ((performance.now() - started) / 1000);
};

const scanMs = (tracker: ConnectionTracker): { ms: number; due: number } => {
  let due = 0;
  const started = performance.now();
  for (let n = 0; n < SCANS; n++) due = tracker.dueAt(T0 + 200_000 + 30_000).length;
  return { ms: (performance.now() - started) / SCANS, due };
};

await runGroup(GROUP, async (): Promise<Figure[]> => {
  const runs = { signals: [] as number[], signalsCpu: [] as number[], map: [] as number[], scan: [] as number[] };
  let dueCount = 0;
  for (let run = 0; run < RUNS; run++) {
    const { tracker, ids } = floor();
    // Scan first: the signals below would reopen the sessions of the agents meant to be due.
    const scan = scanMs(tracker);
    runs.map.push(mapWritesPerSecond(ids));
    const rate = signalsPerSecond(tracker, ids);
    runs.signals.push(rate.wall);
    runs.signalsCpu.push(rate.cpu);
    runs.scan.push(scan.ms);
    dueCount = scan.due;
    progress(GROUP, `run ${run + 1}: ${Math.round(runs.signals[run])} signals/s, dueAt ${scan.ms.toFixed(2)} ms`);
  }
  return [
    figure({
      benchmark: `connection signals into the tracker (${AGENTS} agents)`, unit: 'signals/s', runs: runs.signals,
      baseline: { name: 'Map.set per signal', runs: runs.map }, details: { signals: SIGNALS, perCpuSecond: runs.signalsCpu.map(Math.round) },
    }),
    figure({
      benchmark: `dueAt over the floor (${AGENTS} agents)`, unit: 'ms', runs: runs.scan,
      details: { due: dueCount, scans: SCANS },
    }),
  ];
});
