import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { AgentAvailabilityMessage } from '@app/contracts';
import { InProcessMessageBus } from '@app/messaging';
import type { RoutingState } from '../apps/routing/src/routing-state.js';
import { http } from '../test/support/presence-test-app.js';
import { startRoutingFloor, type RoutingFloor } from '../test/support/routing-test-app.js';
import { startBenchBroker } from './bench-broker.js';
import { figure, quantile, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';

const GROUP = 'ack-to-routing-latency';
/** Measured samples per path, split evenly over the runs (runs interleave the paths). */
const SAMPLES = QUICK ? 300 : 2000;
const WARMUP = QUICK ? 50 : 500;
const AGENTS = 50;
/** Six partitions, as the app creates the availability topic. */
const PARTITIONS = 6;
/** A sample that never arrives fails the run rather than hanging it. */
const SAMPLE_TIMEOUT_MS = 10_000;


/**
 * Latencies of one run, in ms, sorted; how many updates had reached routing
 * before the client had its acknowledgement; and, for status commands, the
 * whole way from sending the request to the routing view (sorted).
 */
interface Samples { readonly sorted: Float64Array; readonly beforeAck: number; readonly fromSend?: Float64Array }

const sortedSamples = (values: number[], beforeAck = 0, fromSend?: number[]): Samples =>
  ({ sorted: Float64Array.from(values).sort(), beforeAck, fromSend: fromSend && Float64Array.from(fromSend).sort() });
const percentiles = ({ sorted }: Samples) => ({ p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) });

/**
 * When each (agent, revision) reached a routing view: RoutingState.applyAvailability is
 * the consumer callback that updates the view, so the clock is read right there.
 */
class AppliedClock {
  private readonly applied = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();

  watch(state: RoutingState): void {
    const apply = state.applyAvailability.bind(state);
    state.applyAvailability = (message: AgentAvailabilityMessage) => {
      const changed = apply(message);
      if (changed) this.record(`${message.agentId}@${message.revision}`, performance.now());
      return changed;
    };
  }

  /** Resolves with the time the view reached `revision` of `agentId` (possibly already past). */
  reached(agentId: string, revision: number): Promise<number> {
    const key = `${agentId}@${revision}`;
    const at = this.applied.get(key);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`routing never saw ${key}`)), SAMPLE_TIMEOUT_MS);
      this.waiters.set(key, (time) => { clearTimeout(timer); resolve(time); });
    });
  }

  private record(key: string, at: number): void {
    this.applied.set(key, at);
    const waiter = this.waiters.get(key);
    if (waiter) { this.waiters.delete(key); waiter(at); }
  }
}

/**
 * Presence (HTTP, SQLite, relay) and one routing instance in this process, as
 * the e2e tests start them. One status change at a time, each alternating an
 * agent between online and away (so each appends one event): from the moment
 * the client holds the 200 to the moment the routing view applied that
 * revision. An update applied before the acknowledgement arrived counts as 0.
 */
const statusPath = async (name: string, env: Record<string, string>) => {
  // The test helpers call as an admin; lift the per-caller rate limit for a few thousand commands.
  const floor: RoutingFloor = await startRoutingFloor(1, { RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  const clock = new AppliedClock();
  clock.watch(floor.routing.state);
  const agents = Array.from({ length: AGENTS }, (_, i) => `lat-${i}`);
  const online = new Map(agents.map((id) => [id, false]));
  for (const id of agents) {
    const registered = await http(`${floor.presence.url}/v1/agents/${id}`, 'PUT', { displayName: id, teams: ['sales'], maxConcurrentConversations: 3 });
    if (registered.status !== 200) throw new Error(`registering ${id}: ${registered.status} ${JSON.stringify(registered.body)}`);
    await clock.reached(id, registered.body.agent.revision);
  }
  let sequence = 0;
  const one = async (): Promise<{ latency: number; beforeAck: boolean; fromSend: number }> => {
    const id = agents[sequence++ % AGENTS];
    const next = online.get(id) ? 'away' : 'online';
    const sent = performance.now();
    const response = await http(`${floor.presence.url}/v1/agents/${id}/status`, 'PUT', { status: next });
    const acked = performance.now();
    if (response.status !== 200 || response.body.command.appended !== 1) {
      throw new Error(`${name}: status ${id} -> ${next}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    online.set(id, next === 'online');
    const reached = await clock.reached(id, response.body.agent.revision);
    return { latency: Math.max(0, reached - acked), beforeAck: reached <= acked, fromSend: reached - sent };
  };
  return {
    name,
    measure: async (count: number): Promise<Samples> => {
      const values: number[] = [];
      const fromSend: number[] = [];
      let beforeAck = 0;
      for (let i = 0; i < count; i++) {
        const sample = await one();
        values.push(sample.latency);
        fromSend.push(sample.fromSend);
        if (sample.beforeAck) beforeAck++;
      }
      return sortedSamples(values, beforeAck, fromSend);
    },
    close: () => floor.close(),
  };
};

/** The floor under the relay and the consumer: one publish() to the in-process bus until its consumer's handler runs. */
const inProcessRoundTrip = async () => {
  const bus = new InProcessMessageBus();
  const topic = 'bench-round-trip';
  const waiting = new Map<string, () => void>();
  const consumer = await bus.consume(topic, (message) => waiting.get(message.value!)?.(), { fromBeginning: false });
  let sequence = 0;
  return {
    name: 'raw in-process bus',
    measure: async (count: number): Promise<Samples> => {
      const values: number[] = [];
      for (let i = 0; i < count; i++) {
        const value = String(sequence++);
        const arrived = new Promise<number>((resolve) => waiting.set(value, () => resolve(performance.now())));
        const sent = performance.now();
        await bus.publish(topic, [{ key: `lat-${i % AGENTS}`, value }]);
        values.push((await arrived) - sent);
        waiting.delete(value);
      }
      return sortedSamples(values);
    },
    close: async () => { await consumer.stop(); await bus.close(); },
  };
};

/**
 * The floor over Kafka: plain kafkajs on the same broker, producer configured
 * as the bus's (acks all, one request in flight), a consumer with kafkajs'
 * defaults; from send() until eachMessage sees the message.
 */
const kafkaRoundTrip = async (brokers: string) => {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [brokers], logLevel: logLevel.NOTHING });
  const topic = `bench-round-trip-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] });
  await admin.disconnect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1, idempotent: false, allowAutoTopicCreation: false });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, allowAutoTopicCreation: false });
  const waiting = new Map<string, () => void>();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => waiting.get(message.value!.toString())?.() });
  await joined;
  let sequence = 0;
  const send = async (key: string, value: string) => {
    const arrived = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`raw kafkajs: ${value} never arrived`)), SAMPLE_TIMEOUT_MS);
      waiting.set(value, () => { clearTimeout(timer); resolve(performance.now()); });
    });
    const sent = performance.now();
    await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    const latency = (await arrived) - sent;
    waiting.delete(value);
    return latency;
  };
  // The consumer's first fetch positions happen after the join: wait until a probe on every partition goes through.
  for (let i = 0; i < AGENTS; i++) await send(`lat-${i}`, `probe-${i}`);
  return {
    name: 'raw kafkajs',
    measure: async (count: number): Promise<Samples> => {
      const values: number[] = [];
      for (let i = 0; i < count; i++) values.push(await send(`lat-${i % AGENTS}`, String(sequence++)));
      return sortedSamples(values);
    },
    close: async () => { await consumer.disconnect(); await producer.disconnect(); },
  };
};

interface Path { readonly name: string; measure(count: number): Promise<Samples>; close(): Promise<void> }

await runGroup(GROUP, async () => {
  const broker = await startBenchBroker((line) => progress(GROUP, line));
  const paths: Path[] = [];
  try {
    paths.push(await statusPath('embedded bus', {}));
    paths.push(await inProcessRoundTrip());
    paths.push(await statusPath('Kafka', { MESSAGE_BUS: 'kafka', KAFKA_BROKERS: broker.brokers, AVAILABILITY_TOPIC: `bench-availability-${randomUUID()}` }));
    paths.push(await kafkaRoundTrip(broker.brokers));
    for (const path of paths) await path.measure(WARMUP);

    // Interleaved runs, so load from elsewhere on the machine hits every path alike.
    const perRun = Math.ceil(SAMPLES / RUNS);
    const runs: Samples[][] = paths.map(() => []);
    for (let run = 0; run < RUNS; run++) {
      for (const [i, path] of paths.entries()) {
        const samples = await path.measure(perRun);
        runs[i].push(samples);
        const { p50, p95, p99 } = percentiles(samples);
        const early = samples.fromSend ? `; ${samples.beforeAck}/${samples.sorted.length} in routing before the ack` : '';
        progress(GROUP, `run ${run + 1}/${RUNS} ${path.name}: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms${early}`);
      }
    }

    const pooled = (i: number) => {
      const fromSend = runs[i].every((s) => s.fromSend) ? runs[i].flatMap((s) => [...s.fromSend!]) : undefined;
      const all = sortedSamples(runs[i].flatMap((s) => [...s.sorted]), runs[i].reduce((sum, s) => sum + s.beforeAck, 0), fromSend);
      return {
        samples: all.sorted.length, ...percentiles(all),
        ...(all.fromSend ? { updatedBeforeAck: all.beforeAck, requestSentToRoutingView: percentiles({ sorted: all.fromSend, beforeAck: 0 }) } : {}),
      };
    };
    const figures: Figure[] = [];
    const rows = [
      { path: 0, baseline: 1, label: 'embedded bus', baselineName: 'in-process publish->consume', targetMs: 10 },
      { path: 2, baseline: 3, label: 'Kafka loopback', baselineName: 'kafkajs produce->consume', targetMs: 50 },
    ];
    for (const { path, baseline, label, baselineName, targetMs } of rows) {
      const details = {
        samplesPerRun: perRun, runs: RUNS, agents: AGENTS, sequential: true,
        measured: 'client holds the HTTP 200 -> RoutingState.applyAvailability applied that revision (0 if before)',
        pooled: pooled(path), baselinePooled: pooled(baseline),
        ...(path === 2 ? { partitions: PARTITIONS, broker: broker.brokers } : {}),
      };
      for (const q of ['p50', 'p95', 'p99'] as const) {
        figures.push(figure({
          benchmark: `ack -> routing view ${q}, ${label}`, unit: 'ms',
          runs: runs[path].map((s) => percentiles(s)[q]),
          baseline: { name: `${baselineName} ${q}`, runs: runs[baseline].map((s) => percentiles(s)[q]) },
          ...(q === 'p99' ? { target: { text: `<= ${targetMs} ms`, isMet: (value: number) => value <= targetMs } } : {}),
          details,
        }));
      }
    }
    return figures;
  } finally {
    for (const path of paths) await path.close().catch((error: Error) => progress(GROUP, `closing ${path.name}: ${error.message}`));
    await broker.stop();
  }
});
