import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionOf } from '@app/event-store';
import type { PresenceEvent } from '@app/presence-domain';
import { RoutingView, type RoutedAgent } from '@app/routing-domain';
import { availabilityOf } from '../apps/presence/src/read-model/agent-availability.js';
import { AvailabilityReadModel } from '../apps/presence/src/read-model/availability-read-model.js';
import { figure, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';
import { routedAgents } from './routing-floor.js';

const GROUP = 'memory-per-agent';
const VIEW_AGENTS = QUICK ? 10_000 : 100_000;
const READ_MODEL_AGENTS = QUICK ? 2_000 : 10_000;

const collect = global.gc ?? (() => { throw new Error('run with --expose-gc'); });

/** Heap bytes still in use after building what `build` returns (kept alive until measured). */
const retainedBytes = (build: () => unknown): number => {
  collect(); collect();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  collect(); collect();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('nothing was kept');
  return after - before;
};

const metadata = (sequence: number) => ({
  schemaVersion: 1, occurredAt: new Date(Date.UTC(2025, 0, 6, 8) + sequence * 1000).toISOString(),
  actor: { kind: 'agent' as const, id: 'bench' }, causationId: `c-${sequence}`, correlationId: `c-${sequence}`,
});

/** Registration, then online with a reason: a typical agent row. */
const agentEvents = (index: number): PresenceEvent[] => {
  const agentId = `agent-${index}`;
  return [
    { type: 'AgentRegistered', data: { agentId, displayName: `Agent ${index}`, teams: [`team-${index % 50}`], maxConcurrentConversations: 3 }, metadata: metadata(2 * index) },
    { type: 'AgentStatusChanged', data: { agentId, from: 'offline', to: 'online', reason: 'shift start', reasonCode: null }, metadata: { ...metadata(2 * index + 1), actor: { kind: 'agent', id: agentId } } },
  ];
};

const fileBytes = (file: string): number => [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);

/** Fills a fresh read model file; returns its size per agent after close, and the heap it kept while open. */
const readModelRun = (dir: string, run: number) => {
  const file = join(dir, `read-model-${run}.sqlite`);
  let model: AvailabilityReadModel | undefined;
  let sequence = 0;
  const heap = retainedBytes(() => {
    model = new AvailabilityReadModel(file);
    for (let index = 0; index < READ_MODEL_AGENTS; index++) {
      agentEvents(index).forEach((event, revision) => model!.apply(event, revision, positionOf(++sequence)));
    }
    return model;
  });
  model!.close();
  return { fileBytes: fileBytes(file) / READ_MODEL_AGENTS, heapBytes: heap / READ_MODEL_AGENTS };
};

/** The same agents as AgentAvailability JSON: what the read model must hold at least. */
const availabilityJsonBytes = (): number => {
  let bytes = 0;
  for (let index = 0; index < READ_MODEL_AGENTS; index++) {
    const [registered, online] = agentEvents(index);
    const data = registered.data as { agentId: string; displayName: string; teams: string[]; maxConcurrentConversations: number };
    const agent = {
      kind: 'registered' as const, ...data, status: 'online' as const, since: online.metadata.occurredAt,
      setBy: { kind: 'agent' as const, id: data.agentId, reason: 'shift start', reasonCode: null }, openConversations: [],
      pendingOffers: [], consecutiveMissedOffers: 0, unavailableSince: null,
    };
    bytes += Buffer.byteLength(JSON.stringify(availabilityOf(agent, 1, `${index}/${index}`)));
  }
  return bytes / READ_MODEL_AGENTS;
};

await runGroup(GROUP, async () => {
  const runs = { view: [] as number[], map: [] as number[], file: [] as number[], json: [] as number[], heap: [] as number[] };
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  try {
    for (let run = 0; run < RUNS; run++) {
      runs.view.push(retainedBytes(() => {
        const view = new RoutingView();
        for (const agent of routedAgents(VIEW_AGENTS)) view.upsertAgent(agent);
        return view;
      }) / VIEW_AGENTS);
      runs.map.push(retainedBytes(() => new Map<string, RoutedAgent>(routedAgents(VIEW_AGENTS).map((agent) => [agent.agentId, agent]))) / VIEW_AGENTS);
      const readModel = readModelRun(dir, run);
      runs.file.push(readModel.fileBytes);
      runs.heap.push(readModel.heapBytes);
      runs.json.push(availabilityJsonBytes());
      progress(GROUP, `run ${run + 1}/${RUNS}: routing view ${runs.view[run].toFixed(0)} B/agent, read model file ${runs.file[run].toFixed(0)} B/agent`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const figures: Figure[] = [
    figure({
      benchmark: 'memory: routing view heap', unit: 'B/agent', runs: runs.view,
      baseline: { name: 'Map of the same RoutedAgents', runs: runs.map }, details: { agents: VIEW_AGENTS, teams: 50 },
    }),
    figure({
      benchmark: 'memory: read model SQLite file', unit: 'B/agent', runs: runs.file,
      baseline: { name: 'availability JSON bytes', runs: runs.json }, details: { agents: READ_MODEL_AGENTS },
    }),
    figure({
      benchmark: 'memory: read model process heap', unit: 'B/agent', runs: runs.heap,
      details: { agents: READ_MODEL_AGENTS, note: 'rows live in SQLite (native page cache), not the JS heap' },
    }),
  ];
  return figures;
});
