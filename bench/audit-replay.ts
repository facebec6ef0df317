import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { AGENT_STREAM_PREFIX, FloorReplay, agentStreamId, upcastPresenceEvent } from '@app/presence-domain';
import { AvailabilityProjection } from '../apps/presence/src/read-model/availability-projection.js';
import { AvailabilityReadModel } from '../apps/presence/src/read-model/availability-read-model.js';
import { GetStatusHistoryHandler, GetStatusHistoryQuery } from '../apps/presence/src/agents/status-history/status-history.handler.js';
import { GetFloorHandler, GetFloorQuery } from '../apps/presence/src/floor/get-floor/get-floor.handler.js';
import { AgentViews } from '../apps/presence/src/agents/agent-views.js';
import type { ConnectionTracking } from '../apps/presence/src/connections/connection-tracking.js';
import { StatusReasonLabels } from '../apps/presence/src/status-reasons/status-reason-labels.js';
import { figure, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { agentIdOf, generateReplayLog } from './replay-log.js';
import { QUICK, RUNS } from './scale.js';

const GROUP = 'audit-replay';
const AGENTS = QUICK ? 1_000 : 10_000;
const EVENTS_PER_AGENT = 100;
/** The page size GetFloorHandler reads with. */
const PAGE = 1024;
const HISTORY_SAMPLE = 50;
/** The app's defaults (FLOOR_SNAPSHOT_EVERY, FLOOR_REPLAY_MAX_SKEW_MS). */
const SNAPSHOT_EVERY = 50_000;
const MAX_SKEW_MS = 5 * 60_000;

const seconds = (started: number) => (performance.now() - started) / 1000;
/** CPU seconds of this process (user + system): on a shared machine a steadier base for ratios than wall time. */
const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** readAll over the agent streams, page by page, as GetFloorHandler reads: the store's own cost. */
const scan = async (store: SqliteEventStore, visit: (page: RecordedEvent[]) => void): Promise<number> => {
  let after: RecordedEvent['position'] | undefined;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE, streamPrefixes: [AGENT_STREAM_PREFIX] });
    visit(page);
    count += page.length;
    if (page.length < PAGE) return count;
    after = page[page.length - 1].position;
  }
};

/** The whole floor folded from the log page by page: readAll, upcast, FloorReplay (the point-in-time fold). */
const rebuildFloor = async (store: SqliteEventStore, at: Date): Promise<{ events: number; agents: number }> => {
  const replay = new FloorReplay<null>(at);
  const count = await scan(store, (page) => {
    for (const recorded of page) {
      const event = upcastPresenceEvent(recorded);
      if (event) replay.apply(event, null);
    }
  });
  return { events: count, agents: replay.floor().length };
};

/** The availability projection run over the whole log from position zero, as a rebuild does (it also takes floor snapshots). */
const projectWholeLog = async (store: SqliteEventStore, readModel: AvailabilityReadModel): Promise<{ wall: number; cpu: number }> => {
  const projection = new AvailabilityProjection(store, readModel, { floorSnapshotEvery: SNAPSHOT_EVERY });
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  await projection.onApplicationBootstrap();
  const elapsed = { wall: seconds(started), cpu: cpuSeconds() - cpuStarted };
  await projection.beforeApplicationShutdown();
  return elapsed;
};

await runGroup(GROUP, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const path = join(dir, 'events.sqlite');
  try {
    progress(GROUP, `generating ${AGENTS * EVENTS_PER_AGENT} events for ${AGENTS} agents (not measured)`);
    let started = performance.now();
    const log = await generateReplayLog(path, AGENTS, EVENTS_PER_AGENT);
    const generationSeconds = seconds(started);
    progress(GROUP, `generated in ${generationSeconds.toFixed(1)} s, ${(statSync(path).size / 1e6).toFixed(0)} MB`);

    const store = new SqliteEventStore(path);
    // Each run into a fresh read model, as a rebuild does. The readAll runs below are warm, so these are too:
    // one unmeasured run first (a cold first run was 20-30 % slower, and it weighed on the median of RUNS).
    const warmUp = new AvailabilityReadModel(join(dir, 'read-model-warm-up.sqlite'));
    progress(GROUP, 'projecting the whole log once to warm up (not measured)');
    await projectWholeLog(store, warmUp);
    warmUp.close();
    const projections: { wall: number; cpu: number }[] = [];
    let readModel: AvailabilityReadModel | undefined;
    for (let run = 0; run < RUNS; run++) {
      readModel?.close();
      readModel = new AvailabilityReadModel(join(dir, `read-model-${run}.sqlite`));
      progress(GROUP, `projecting the whole log into a fresh read model (with floor snapshots), run ${run + 1}/${RUNS}`);
      projections.push(await projectWholeLog(store, readModel));
      progress(GROUP, `projected in ${projections[run].wall.toFixed(1)} s (${projections[run].cpu.toFixed(1)} CPU s)`);
    }
    if (!readModel) throw new Error('no projection run');
    // Replays only: labels from the built-in catalogue, and nobody connected (signals are not part of a replay).
    const labels = new StatusReasonLabels(store);
    const nobodyConnected = { connectionOf: () => ({ connected: false, openSessions: 0, lastSeenAt: null }) } as unknown as ConnectionTracking;
    const floors = new GetFloorHandler(
      store, readModel, new AvailabilityProjection(store, readModel, { floorSnapshotEvery: SNAPSHOT_EVERY }), { floorReplayMaxSkewMs: MAX_SKEW_MS },
      new AgentViews(labels, nobodyConnected),
    );
    const histories = new GetStatusHistoryHandler(store, labels);
    const midpoint = new Date((log.firstAt.getTime() + log.lastAt.getTime()) / 2);
    const sample = Array.from({ length: HISTORY_SAMPLE }, (_, i) => agentIdOf(Math.floor((i * AGENTS) / HISTORY_SAMPLE)));

    const cpu = { scan: [] as number[], rebuild: [] as number[] };
    const runs = { scan: [] as number[], scanMs: [] as number[], rebuild: [] as number[], floorMs: [] as number[], historyMs: [] as number[], streamMs: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      started = performance.now();
      let cpuStarted = cpuSeconds();
      const scanned = await scan(store, () => undefined);
      const scanSeconds = seconds(started);
      cpu.scan.push(scanned / (cpuSeconds() - cpuStarted));
      if (scanned !== log.events) throw new Error(`scanned ${scanned} events, wrote ${log.events}`);
      runs.scan.push(scanned / scanSeconds);
      runs.scanMs.push(scanSeconds * 1000);

      started = performance.now();
      cpuStarted = cpuSeconds();
      const rebuilt = await rebuildFloor(store, log.lastAt);
      runs.rebuild.push(rebuilt.events / seconds(started));
      cpu.rebuild.push(rebuilt.events / (cpuSeconds() - cpuStarted));
      if (rebuilt.agents !== AGENTS) throw new Error(`rebuilt floor has ${rebuilt.agents} agents, expected ${AGENTS}`);

      started = performance.now();
      const floor = await floors.execute(new GetFloorQuery(midpoint));
      runs.floorMs.push(seconds(started) * 1000);
      if (floor.agents.length !== AGENTS) throw new Error(`midpoint floor has ${floor.agents.length} agents, expected ${AGENTS}`);

      started = performance.now();
      for (const agentId of sample) await store.readStream(agentStreamId(agentId));
      runs.streamMs.push((seconds(started) * 1000) / sample.length);
      started = performance.now();
      let entries = 0;
      for (const agentId of sample) entries += (await histories.execute(new GetStatusHistoryQuery(agentId, {}))).entries.length;
      runs.historyMs.push((seconds(started) * 1000) / sample.length);
      if (entries !== sample.length * (EVENTS_PER_AGENT - 1)) throw new Error(`history has ${entries} entries`);

      progress(GROUP, `run ${run + 1}/${RUNS}: readAll ${runs.scan[run].toFixed(0)}/s, rebuild ${runs.rebuild[run].toFixed(0)}/s, `
        + `midpoint floor ${runs.floorMs[run].toFixed(0)} ms, history ${runs.historyMs[run].toFixed(2)} ms`);
    }
    await store.close();
    readModel.close();

    const details = { events: log.events, agents: AGENTS, fileBytes: statSync(path).size, generationSeconds, page: PAGE };
    return [
      figure({
        benchmark: 'projection: rebuild read model from zero', unit: 'events/s', runs: projections.map(({ wall }) => log.events / wall),
        baseline: { name: 'raw readAll', runs: runs.scan }, details,
        target: { text: '>= 0.8 of raw', isMet: (_value, ratio) => ratio !== undefined && ratio >= 0.8 },
      }),
      figure({
        benchmark: 'replay: rebuild floor from log', unit: 'events/s', runs: runs.rebuild,
        baseline: { name: 'raw readAll', runs: runs.scan }, details,
        target: { text: '>= 500k/s', isMet: (value) => value >= 500_000 },
      }),
      figure({ benchmark: 'replay: raw readAll (agent streams)', unit: 'events/s', runs: runs.scan, details }),
      figure({
        benchmark: 'projection: rebuild read model from zero, per CPU second', unit: 'events/CPU s', runs: projections.map(({ cpu: used }) => log.events / used),
        baseline: { name: 'raw readAll per CPU s', runs: cpu.scan }, details,
        target: { text: '>= 0.8 of raw', isMet: (_value, ratio) => ratio !== undefined && ratio >= 0.8 },
      }),
      figure({
        benchmark: 'replay: rebuild floor from log, per CPU second', unit: 'events/CPU s', runs: cpu.rebuild,
        baseline: { name: 'raw readAll per CPU s', runs: cpu.scan }, details,
      }),
      figure({
        benchmark: 'replay: point-in-time floor at midpoint (snapshots)', unit: 'ms', runs: runs.floorMs,
        baseline: { name: 'raw readAll of whole log, ms', runs: runs.scanMs }, details: { ...details, at: midpoint.toISOString() },
        target: { text: '< 1000 ms', isMet: (value) => value < 1000 },
      }),
      figure({
        benchmark: 'replay: one agent status history', unit: 'ms', runs: runs.historyMs,
        baseline: { name: 'raw readStream, ms', runs: runs.streamMs }, details: { eventsPerAgent: EVENTS_PER_AGENT, sampledAgents: HISTORY_SAMPLE },
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
