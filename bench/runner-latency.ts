import type { AgentStatus } from '@app/kernel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRunner, SqliteEventStore, runnerStorageFor, type CommandRunnerOptions, type RunOptions } from '@app/event-store';
import { agentStreamId, presenceDecider, type PresenceCommand } from '@app/presence-domain';
import { figure, quantile, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { writeLongStream } from './long-stream.js';
import { QUICK, RUNS } from './scale.js';
import { cacheMemory } from './runner-cache-memory.js';

const GROUP = 'runner-latency';
const SIZES = [0, 10_000, 100_000] as const;
type Size = (typeof SIZES)[number];
const WARM_COMMANDS = QUICK ? 200 : 1000;
const COLD_COMMANDS = QUICK ? 50 : 300;
/** Full replays per size in the "before" rows: bounded, a 100,000-event replay takes a good part of a second. */
const REPLAYS = { 0: 50, 10_000: 20, 100_000: 3 } as const;
const ROUTING_STEP: RunOptions = { idempotency: 'appends-only' };

type Runner = CommandRunner<PresenceCommand, unknown, never>;
let sequence = 0;
const metadata = (kind: 'agent' | 'supervisor' | 'admin' | 'service', id: string, commandId = `bench-${sequence++}`) =>
  ({ now: new Date(), actor: { kind, id }, commandId, correlationId: commandId });
const setStatus = (agentId: string, status: AgentStatus, commandId?: string): PresenceCommand =>
  ({ type: 'SetAgentStatus', data: { agentId, status }, metadata: metadata('agent', agentId, commandId) });
const accept = (agentId: string, conversationId: string): PresenceCommand =>
  ({ type: 'AcceptConversation', data: { agentId, conversationId, team: 'sales' }, metadata: metadata('service', 'routing') });
const release = (agentId: string, conversationId: string): PresenceCommand =>
  ({ type: 'ReleaseConversation', data: { agentId, conversationId, reason: 'closed' }, metadata: metadata('service', 'routing') });

/**
 * Latencies in ms of `count` sequential rounds; each round calls once per
 * stream size, in a rotating order, so a noisy moment (an fsync stall,
 * another process) falls on every size alike. `untimed` runs after each call.
 */
const interleaved = async (
  count: number, call: (size: Size, i: number) => Promise<unknown>, untimed?: (size: Size, i: number) => Promise<unknown>,
): Promise<Map<Size, Float64Array>> => {
  const samples = new Map(SIZES.map((size) => [size, new Float64Array(count)] as const));
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < SIZES.length; k++) {
      const size = SIZES[(i + k) % SIZES.length];
      const started = performance.now();
      await call(size, i);
      samples.get(size)![i] = performance.now() - started;
      await untimed?.(size, i);
    }
  }
  for (const values of samples.values()) values.sort();
  return samples;
};

const longStream = (size: number) => `long-${size}`;
const register = (agentId: string): PresenceCommand => ({
  type: 'PutAgentProfile', data: { agentId, displayName: 'Bench Agent', teams: ['sales'], maxConcurrentConversations: 3 }, metadata: metadata('admin', 'bench'),
});

/** p50 and p99 rows per stream size; with `target`, the 100,000-event rows are held to 1.2x of the fresh stream's. */
const latencyFigures = (what: string, rows: Map<number, number[][]>, commands: number | undefined, target = true): Figure[] =>
  SIZES.flatMap((size) => ([['p50', 0], ['p99', 1]] as const).map(([name, column]) => figure({
    benchmark: `runner: ${what} ${name}, ${size.toLocaleString('en-US')} events`, unit: 'ms',
    runs: rows.get(size)!.map((row) => row[column]),
    baseline: size === 0 ? undefined : { name: `${name}, fresh stream`, runs: rows.get(0)!.map((row) => row[column]) },
    target: target && size === 100_000 ? { text: '<= 1.2x fresh', isMet: (_v, ratio) => ratio !== undefined && ratio <= 1.2 } : undefined,
    details: { commands: commands ?? REPLAYS[size as keyof typeof REPLAYS], store: 'SQLite, synchronous=FULL', sequential: true },
  })));

await runGroup(GROUP, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-runner-'));
  const path = join(dir, 'events.sqlite');
  try {
    for (const size of SIZES) {
      progress(GROUP, `writing an agent stream of ${size} status changes (not measured)`);
      await writeLongStream(path, longStream(size), size);
    }
    const store = new SqliteEventStore(path, { synchronous: 'FULL' });
    const storage = runnerStorageFor(store);
    const runnerWith = (options: CommandRunnerOptions = {}): Runner => new CommandRunner(store, presenceDecider, { ...storage, ...options }) as unknown as Runner;
    const warm = runnerWith();
    const run = (runner: Runner, command: PresenceCommand, options?: RunOptions) => runner.run(agentStreamId(command.data.agentId), command, options);
    const rows = { warm: new Map<number, number[][]>(), cold: new Map<number, number[][]>(), replay: new Map<number, number[][]>(), accept: new Map<number, number[][]>() };
    const push = (map: Map<number, number[][]>, size: number, samples: Float64Array) =>
      map.set(size, [...(map.get(size) ?? []), [quantile(samples, 0.5), quantile(samples, 0.99)]]);
    const retries: number[][] = [];
    const firstCold: Record<number, number> = {};

    const agents = new Map<Size, string>(SIZES.map((size) => [size, longStream(size)]));
    const agentOf = (size: Size) => agents.get(size)!;
    for (const size of SIZES) {
      const agentId = agentOf(size);
      const started = performance.now();
      await run(warm, setStatus(agentId, 'online'));
      firstCold[size] = performance.now() - started;
    }
    progress(GROUP, 'warming up on every stream (not measured)');
    for (const size of SIZES) {
      for (let i = 0; i < WARM_COMMANDS; i++) await run(warm, setStatus(agentOf(size), i % 2 === 0 ? 'away' : 'online'));
    }
    const status = new Map<Size, AgentStatus>(SIZES.map((size) => [size, 'online']));
    let freshAgents = 0;
    /** Every measured section starts on a newly registered agent for the fresh row: the commands before it must not age it. */
    const freshen = async (online = false) => {
      const agentId = `fresh-${freshAgents++}`;
      await run(warm, register(agentId));
      agents.set(0, agentId);
      status.set(0, 'offline');
      if (online) await run(warm, flip(0));
    };
    const flip = (size: Size): PresenceCommand => {
      status.set(size, status.get(size) === 'online' ? 'away' : 'online');
      return setStatus(agentOf(size), status.get(size)!);
    };
    const blind = runnerWith({ cacheCapacity: 0, snapshots: { read: async () => undefined, write: async () => undefined } });
    for (let r = 0; r < RUNS; r++) {
      const record = (map: Map<number, number[][]>, samples: Map<Size, Float64Array>) => {
        for (const size of SIZES) push(map, size, samples.get(size)!);
      };
      await freshen();
      record(rows.warm, await interleaved(WARM_COMMANDS, (size) => run(warm, flip(size))));
      await freshen();
      record(rows.cold, await interleaved(COLD_COMMANDS, (size) => run(runnerWith({ cacheCapacity: 0 }), flip(size))));
      await freshen();
      for (const size of SIZES) {
        const samples = new Float64Array(REPLAYS[size]);
        for (let i = 0; i < samples.length; i++) {
          const started = performance.now();
          await run(blind, flip(size));
          samples[i] = performance.now() - started;
        }
        push(rows.replay, size, samples.sort());
      }
      for (const size of SIZES) if (status.get(size) !== 'online') await run(warm, flip(size));
      await freshen(true);
      record(rows.accept, await interleaved(WARM_COMMANDS, (size, i) => run(warm, accept(agentOf(size), `c-${r}-${i}`), ROUTING_STEP),
        (size, i) => run(warm, release(agentOf(size), `c-${r}-${i}`), ROUTING_STEP)));
      const retried = setStatus(agentOf(100_000), 'away', `bench-retried-key-${r}`);
      await run(warm, retried);
      const retrySamples = new Float64Array(WARM_COMMANDS);
      for (let i = 0; i < retrySamples.length; i++) {
        const started = performance.now();
        await run(runnerWith({ cacheCapacity: 0 }), retried);
        retrySamples[i] = performance.now() - started;
      }
      retrySamples.sort();
      retries.push([quantile(retrySamples, 0.5), quantile(retrySamples, 0.99)]);
      const p50 = (map: Map<number, number[][]>, size: Size) => map.get(size)!.at(-1)![0].toFixed(2);
      progress(GROUP, `run ${r + 1}/${RUNS}: warm p50 ${SIZES.map((size) => p50(rows.warm, size)).join(' / ')} ms, `
        + `snapshot+tail p50 ${SIZES.map((size) => p50(rows.cold, size)).join(' / ')} ms, full replay p50 ${SIZES.map((size) => p50(rows.replay, size)).join(' / ')} ms`);
    }
    await store.close();
    const memory = cacheMemory();
    return [
      ...latencyFigures('status command', rows.warm, WARM_COMMANDS),
      ...latencyFigures('status command, cache off (snapshot + tail)', rows.cold, COLD_COMMANDS),
      ...latencyFigures('status command, before: full replay per command', rows.replay, undefined, false),
      ...latencyFigures('routing accept on the agent stream', rows.accept, WARM_COMMANDS),
      figure({ benchmark: 'runner: idempotent retry p50, 100,000 events', unit: 'ms', runs: retries.map(([p50]) => p50), details: { retries: WARM_COMMANDS, cache: 'off' } }),
      figure({ benchmark: 'runner: idempotent retry p99, 100,000 events', unit: 'ms', runs: retries.map(([, p99]) => p99) }),
      figure({ benchmark: 'runner: first command on a cold 100,000-event stream without a snapshot', unit: 'ms', runs: [firstCold[100_000]], details: { firstCold } }),
      ...memory,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

