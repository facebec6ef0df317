import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentStatus } from '@app/kernel';
import { agentIndexFor, closedLoop } from './closed-loop.js';
import { figure, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { KeepAliveClient } from './http-client.js';
import { QUICK, RUNS } from './scale.js';
import { PROFILE } from './status-paths.js';
import { spawnApp, type SpawnedApp } from '../test/support/spawned-app.js';
import { bearer } from '../test/support/test-tokens.js';

const GROUP = 'presence-processes';
const WORKERS = 16;
const AGENTS = QUICK ? 256 : 1024;
const RUN_MS = QUICK ? 1000 : 3000;
const COUNTS = [1, 2, 4];

/** CPU seconds a process has used (user + system), from /proc. */
const cpuSecondsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

interface Deployment {
  readonly apps: SpawnedApp[];
  readonly clients: KeepAliveClient[];
}

/**
 * `count` presence processes, each with its own DATA_DIR (read model, relay
 * checkpoint) over one shared SQLite log (SQLITE_PATH), as one machine with
 * more cores would run them; only the first runs the relay. The closed loop's
 * worker w sends to process w % count, so each agent has one home process
 * (a load balancer with agent affinity); every process still sees every
 * agent's events through its own projection.
 */
const deploy = async (dir: string, count: number, authorization: string): Promise<Deployment> => {
  const log = join(dir, `log-${count}`, 'events.sqlite');
  const apps = await Promise.all(Array.from({ length: count }, (_, index) => spawnApp('presence', {
    DATA_DIR: join(dir, `log-${count}`, `process-${index}`), SQLITE_PATH: log, RELAY_ENABLED: String(index === 0),
    PRESENCE_TIMEOUT_STATUS: 'none', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000',
  })));
  return { apps, clients: apps.map((app) => new KeepAliveClient(app.url, WORKERS, authorization)) };
};

/**
 * One closed-loop run. `onlyFirst`: every command goes to the first process,
 * so the others only follow the log (their projection, session hub, reports).
 */
const measure = async (deployment: Deployment, statuses: AgentStatus[], durationMs: number, { onlyFirst = false } = {}) => {
  const { apps, clients } = deployment;
  const indexFor = agentIndexFor(WORKERS, AGENTS);
  for (const client of clients) client.freshSockets();
  const cpuBefore = apps.map((app) => cpuSecondsOf(app.process.pid!));
  const result = await closedLoop(WORKERS, durationMs, 1_000_000, async (worker, iteration) => {
    const index = indexFor(worker, iteration);
    const next: AgentStatus = statuses[index] === 'online' ? 'away' : 'online';
    await clients[onlyFirst ? 0 : worker % clients.length].send('PUT', `/v1/agents/bench-${index}/status`, { status: next });
    statuses[index] = next;
  });
  if (result.failed > 0) throw new Error(`${result.failed} commands failed, first: ${result.firstError}`);
  const cpuMs = apps.map((app, i) => ((cpuSecondsOf(app.process.pid!) - cpuBefore[i]) * 1000) / result.completed);
  return { perSecond: result.perSecond, cpuMsPerCommand: cpuMs.reduce((sum, ms) => sum + ms, 0), followerCpuMs: cpuMs.at(-1)! };
};

await runGroup(GROUP, async (): Promise<Figure[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-processes-'));
  const { authorization } = await bearer('bench', 'admin');
  const deployments: Deployment[] = [];
  try {
    const statuses: AgentStatus[][] = [];
    for (const count of COUNTS) {
      progress(GROUP, `starting ${count} presence process(es) over one SQLite log, registering ${AGENTS} agents`);
      const deployment = await deploy(dir, count, authorization);
      deployments.push(deployment);
      const { clients } = deployment;
      for (let index = 0; index < AGENTS; index += WORKERS) {
        await Promise.all(Array.from({ length: WORKERS }, (_, worker) =>
          clients[worker % clients.length].send('PUT', `/v1/agents/bench-${index + worker}`, PROFILE)));
      }
      statuses.push(Array.from({ length: AGENTS }, () => 'offline'));
      // Warm-up: JIT and caches of every process (the first seconds of a fresh process run at half speed).
      await measure(deployment, statuses[statuses.length - 1], RUN_MS);
    }
    const runs = COUNTS.map(() => ({ perSecond: [] as number[], cpuMs: [] as number[] }));
    const followerCpuMs: number[] = [];
    const writerCpuMs: number[] = [];
    const two = COUNTS.indexOf(2);
    for (let run = 0; run < RUNS; run++) {
      for (const [i, count] of COUNTS.entries()) {
        const { perSecond, cpuMsPerCommand } = await measure(deployments[i], statuses[i], RUN_MS);
        runs[i].perSecond.push(perSecond);
        runs[i].cpuMs.push(cpuMsPerCommand);
        progress(GROUP, `run ${run + 1}/${RUNS}, ${count} process(es): ${perSecond.toFixed(0)} cmd/s, ${cpuMsPerCommand.toFixed(2)} CPU ms per command`);
      }
      const following = await measure(deployments[two], statuses[two], RUN_MS, { onlyFirst: true });
      followerCpuMs.push(following.followerCpuMs);
      writerCpuMs.push(following.cpuMsPerCommand - following.followerCpuMs);
      progress(GROUP, `run ${run + 1}/${RUNS}, 2 processes, all commands to one: ${following.followerCpuMs.toFixed(3)} CPU ms per command in the one that follows`);
    }
    const one = { name: '1 process', runs: runs[0].perSecond };
    return COUNTS.flatMap((count, i) => [
      figure({
        benchmark: `status commands, HTTP, ${count} presence process(es) over one SQLite log`, unit: 'cmd/s', runs: runs[i].perSecond,
        baseline: count === 1 ? undefined : one, details: { workers: WORKERS, agents: AGENTS, runMs: RUN_MS },
      }),
      figure({ benchmark: `server CPU per status command, ${count} presence process(es)`, unit: 'CPU ms', runs: runs[i].cpuMs }),
    ]).concat(figure({
      benchmark: 'CPU per status command of a presence process that only follows (2 processes, every command to the other)', unit: 'CPU ms',
      runs: followerCpuMs, baseline: { name: 'the process taking the commands', runs: writerCpuMs },
    }));
  } finally {
    for (const { apps, clients } of deployments) {
      for (const client of clients) client.close();
      await Promise.all(apps.map((app) => app.stop()));
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
