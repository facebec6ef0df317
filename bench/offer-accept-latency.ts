import { randomUUID } from 'node:crypto';
import { http } from '../test/support/presence-test-app.js';
import { eventually, startRoutingFloor, type RoutingFloor } from '../test/support/routing-test-app.js';
import { bearer } from '../test/support/test-tokens.js';
import { startBenchBroker } from './bench-broker.js';
import { figure, quantile, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';

const GROUP = 'offer-accept-latency';
/** Measured samples per path, split evenly over the runs (runs interleave the paths). */
const SAMPLES = QUICK ? 150 : 900;
const WARMUP = QUICK ? 30 : 150;
/** Agents with room to spare, so a stale availability message never leaves nobody eligible. */
const AGENTS = 10;
const CAPACITY = 10;

interface Leg { readonly total: number; readonly offer: number; readonly accept: number }

/**
 * Presence and one routing instance in this process, as the e2e tests start
 * them, with an offer-mode team and an auto-assign team of the same agents.
 * One conversation at a time: POST /v1/conversations answers `offered`, the
 * agent accepts at once and holds the 200 `assigned`: the system's part of an
 * offer, without the agent's time to answer. The baseline is the same POST
 * in the auto-assign team (answered `assigned` directly). Each conversation
 * is closed afterwards, untimed, so the load stays level.
 */
const offerPath = async (name: string, env: Record<string, string>) => {
  const floor: RoutingFloor = await startRoutingFloor(1, { RATE_LIMIT_PER_MINUTE: '10000000', ...env });
  const [offers, direct] = [`bench-offers-${randomUUID().slice(0, 6)}`, `bench-direct-${randomUUID().slice(0, 6)}`];
  await http(`${floor.routing.url}/v1/teams/${offers}`, 'PUT', { routingMode: 'offer', offerTimeoutSeconds: 600, missedOffersBeforeAway: 0 });
  const agents = Array.from({ length: AGENTS }, (_, i) => `offer-lat-${i}`);
  const tokens = new Map<string, Record<string, string>>();
  for (const id of agents) {
    await http(`${floor.presence.url}/v1/agents/${id}`, 'PUT', { displayName: id, teams: [offers, direct], maxConcurrentConversations: CAPACITY });
    const online = await http(`${floor.presence.url}/v1/agents/${id}/status`, 'PUT', { status: 'online' }, await bearer(id, 'agent', [offers, direct]));
    await eventually(() => (floor.routing.state.view.agent(id)?.revision ?? -1) >= online.body.agent.revision, `routing sees ${id}`);
    tokens.set(id, await bearer(id, 'agent', [offers, direct]));
  }
  await eventually(() => floor.routing.state.view.teamSettings(offers).routingMode === 'offer', 'routing routes by offers');
  let sequence = 0;
  const post = async (team: string, status: string) => {
    const conversationId = `lat-${sequence++}`;
    const response = await http(`${floor.routing.url}/v1/conversations`, 'POST', { conversationId, team });
    if (response.body.status !== status) throw new Error(`${name}: ${conversationId} is ${JSON.stringify(response.body)}, expected ${status}`);
    return { conversationId, agentId: response.body.agentId as string };
  };
  const close = (conversationId: string) => http(`${floor.routing.url}/v1/conversations/${conversationId}/close`, 'POST');
  const offerOnce = async (): Promise<Leg> => {
    const sent = performance.now();
    const { conversationId, agentId } = await post(offers, 'offered');
    const offered = performance.now();
    const accepted = await http(`${floor.routing.url}/v1/conversations/${conversationId}/accept`, 'POST', {}, tokens.get(agentId));
    const assigned = performance.now();
    if (accepted.body.status !== 'assigned') throw new Error(`${name}: accept of ${conversationId}: ${JSON.stringify(accepted.body)}`);
    await close(conversationId);
    return { total: assigned - sent, offer: offered - sent, accept: assigned - offered };
  };
  const assignOnce = async (): Promise<number> => {
    const sent = performance.now();
    const { conversationId } = await post(direct, 'assigned');
    const assigned = performance.now();
    await close(conversationId);
    return assigned - sent;
  };
  return {
    name,
    measure: async (count: number) => {
      const legs: Leg[] = [];
      const direct: number[] = [];
      for (let i = 0; i < count; i++) {
        legs.push(await offerOnce());
        direct.push(await assignOnce());
      }
      return { legs, direct: Float64Array.from(direct).sort() };
    },
    close: () => floor.close(),
  };
};

const sorted = (values: readonly number[]) => Float64Array.from(values).sort();

await runGroup(GROUP, async () => {
  const broker = await startBenchBroker((line) => progress(GROUP, line));
  const paths: Awaited<ReturnType<typeof offerPath>>[] = [];
  try {
    paths.push(await offerPath('embedded bus', {}));
    paths.push(await offerPath('Kafka loopback', {
      MESSAGE_BUS: 'kafka', KAFKA_BROKERS: broker.brokers, AVAILABILITY_TOPIC: `bench-offers-${randomUUID()}`,
    }));
    for (const path of paths) await path.measure(WARMUP);
    const perRun = Math.ceil(SAMPLES / RUNS);
    const runs = paths.map(() => [] as Awaited<ReturnType<(typeof paths)[number]['measure']>>[]);
    for (let run = 0; run < RUNS; run++) {
      for (const [i, path] of paths.entries()) {
        const samples = await path.measure(perRun);
        runs[i].push(samples);
        const total = sorted(samples.legs.map((leg) => leg.total));
        progress(GROUP, `run ${run + 1}/${RUNS} ${path.name}: offer->accept->assigned p50 ${quantile(total, 0.5).toFixed(2)} ms, `
          + `p99 ${quantile(total, 0.99).toFixed(2)} ms; direct assign p50 ${quantile(samples.direct, 0.5).toFixed(2)} ms`);
      }
    }
    const figures: Figure[] = [];
    for (const [i, path] of paths.entries()) {
      const legs = runs[i].flatMap((r) => r.legs);
      const details = {
        samplesPerRun: perRun, runs: RUNS, agents: AGENTS, sequential: true,
        measured: 'client sends POST /v1/conversations (offered) -> the agent accepts at once -> client holds the 200 assigned',
        pooledOfferLeg: { p50: quantile(sorted(legs.map((l) => l.offer)), 0.5), p99: quantile(sorted(legs.map((l) => l.offer)), 0.99) },
        pooledAcceptLeg: { p50: quantile(sorted(legs.map((l) => l.accept)), 0.5), p99: quantile(sorted(legs.map((l) => l.accept)), 0.99) },
      };
      for (const q of [0.5, 0.99]) {
        const label = q === 0.5 ? 'p50' : 'p99';
        figures.push(figure({
          benchmark: `offer -> accept -> assigned ${label}, ${path.name}`, unit: 'ms',
          runs: runs[i].map((r) => quantile(sorted(r.legs.map((leg) => leg.total)), q)),
          baseline: { name: `direct assignment (POST, auto-assign) ${label}`, runs: runs[i].map((r) => quantile(r.direct, q)) },
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
