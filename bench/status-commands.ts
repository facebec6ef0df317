import type { AgentStatus } from '@app/kernel';
import { agentIndexFor, closedLoop, type ClosedLoopResult } from './closed-loop.js';
import { figure, type Figure } from './figure.js';
import { progress } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';
import type { StatusPath } from './status-paths.js';

export const WORKERS = 16;
export const AGENTS = QUICK ? 256 : 1024;
const RUN_MS = QUICK ? 1000 : 3000;
const WARMUP_MS = QUICK ? 300 : 1000;
const MAX_PER_RUN = 200_000;

const agentId = (index: number) => `bench-${index}`;

const registerAll = async (path: StatusPath): Promise<void> => {
  const register = async (worker: number) => {
    for (let index = worker; index < AGENTS; index += WORKERS) await path.register(agentId(index));
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, worker) => register(worker)));
};

/** Alternates each agent between online and away, so every command appends one event. */
const togglingLoad = (path: StatusPath) => {
  const statuses: AgentStatus[] = Array.from({ length: AGENTS }, () => 'offline');
  const indexFor = agentIndexFor(WORKERS, AGENTS);
  return (durationMs: number): Promise<ClosedLoopResult> => {
    path.beforeRun?.();
    return closedLoop(WORKERS, durationMs, MAX_PER_RUN, async (worker, iteration) => {
      const index = indexFor(worker, iteration);
      const next: AgentStatus = statuses[index] === 'online' ? 'away' : 'online';
      await path.setStatus(agentId(index), next);
      statuses[index] = next;
    });
  };
};

const check = (name: string, result: ClosedLoopResult): number => {
  if (result.failed > 0) throw new Error(`${name}: ${result.failed} of ${result.completed + result.failed} commands failed, first: ${result.firstError}`);
  return result.perSecond;
};

/**
 * Status commands per second through each path, `WORKERS` concurrent
 * clients over `AGENTS` agents. Runs are interleaved (HTTP, bus, raw, HTTP,
 * ...) so that load from other processes on the machine hits all alike.
 * `paths` must be [http, bus, raw, http floor, http with keys]: the floor is
 * the same client against a bare node:http server doing one raw append per
 * request; the last is the app again with an Idempotency-Key on every command.
 */
export const measureStatusCommands = async (
  group: string, store: string, paths: readonly [StatusPath, StatusPath, StatusPath, StatusPath, StatusPath],
): Promise<Figure[]> => {
  const loads = paths.map(togglingLoad);
  for (const path of paths) {
    progress(group, `registering ${AGENTS} agents via ${path.name}`);
    await registerAll(path);
  }
  for (const [i, load] of loads.entries()) check(paths[i].name, await load(WARMUP_MS));
  const runs: number[][] = paths.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (const [i, load] of loads.entries()) {
      const perSecond = check(paths[i].name, await load(RUN_MS));
      runs[i].push(perSecond);
      progress(group, `run ${run + 1}/${RUNS} ${paths[i].name}: ${perSecond.toFixed(0)} commands/s`);
    }
  }
  const details = { workers: WORKERS, agents: AGENTS, runMs: RUN_MS, store };
  const baseline = { name: `raw ${store} append`, runs: runs[2] };
  return [
    figure({
      benchmark: `status commands, HTTP (${store})`, unit: 'cmd/s', runs: runs[0], baseline, details,
      target: { text: '>= 50% of raw', isMet: (_value, ratio) => ratio !== undefined && ratio >= 0.5 },
    }),
    figure({ benchmark: `status commands, command bus (${store})`, unit: 'cmd/s', runs: runs[1], baseline, details }),
    figure({ benchmark: `raw single-event appends (${store})`, unit: 'appends/s', runs: runs[2], details }),
    figure({ benchmark: `HTTP floor: node:http + one raw append, no framework (${store})`, unit: 'req/s', runs: runs[3], baseline, details }),
    figure({
      benchmark: `status commands, HTTP, share of the HTTP floor (${store})`, unit: 'cmd/s', runs: runs[0], details,
      baseline: { name: 'HTTP floor', runs: runs[3] },
    }),
    figure({
      benchmark: `status commands, HTTP, an Idempotency-Key on every command (${store})`, unit: 'cmd/s', runs: runs[4], details,
      baseline: { name: 'HTTP without keys', runs: runs[0] },
    }),
  ];
};
