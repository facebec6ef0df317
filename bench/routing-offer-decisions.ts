import { DeadlineQueue, RoutingView, dueAt, dueFor } from '@app/routing-domain';
import { figure, median, quantile, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';
import { TEAMS, routedAgents, routingDecider } from './routing-floor.js';
import { latenciesUs, perSecond } from './timing-loops.js';

const GROUP = 'routing-offer-decisions';
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const DECISIONS = QUICK ? 100_000 : 200_000;
/**
 * A view with one pending offer per online agent, half of them past their
 * deadline: what the timer's sweep costs per expired offer (take the due
 * deadlines from the heap, look at each conversation), against the whole
 * scan (`dueAt`) a start-up does.
 */
const sweepCosts = (size: number): { perExpiryUs: number; wholeScanMs: number } => {
  const view = new RoutingView();
  const agents = routedAgents(size).filter((agent) => agent.status === 'online');
  for (const agent of agents) view.upsertAgent(agent);
  const deadlines: [number, string][] = [];
  agents.forEach((agent, index) => {
    const offerExpiresAt = index % 2 === 0 ? '2026-11-25T10:00:30.000Z' : '2026-11-25T11:00:30.000Z';
    view.trackConversation({
      kind: 'offered', conversationId: `o-${index}`, team: agent.teams[0], priority: 0, queuedAt: '2026-11-25T10:00:00.000Z',
      agentId: agent.agentId, offerExpiresAt,
    });
    deadlines.push([Date.parse(offerExpiresAt), `o-${index}`]);
  });
  const at = new Date('2026-11-25T10:01:00.000Z');
  const expected = Math.ceil(agents.length / 2);
  let found = 0;
  const queues = Array.from({ length: 5 }, () => {
    const queue = new DeadlineQueue<string>();
    for (const [deadline, conversationId] of deadlines) queue.add(deadline, conversationId);
    return queue;
  });
  const timed = performance.now();
  for (const queue of queues) for (const conversationId of queue.takeDue(at.getTime())) if (dueFor(view, conversationId, at)) found++;
  const perExpiryUs = ((performance.now() - timed) * 1000) / (queues.length * expected);
  const scanned = performance.now();
  for (let i = 0; i < 5; i++) found += dueAt(view, at).length;
  const wholeScanMs = (performance.now() - scanned) / 5;
  if (found !== 10 * expected) throw new Error(`sweeps found ${found / 10} offers due, expected ${expected}`);
  return { perExpiryUs, wholeScanMs };
};



await runGroup(GROUP, async () => {
  const figures: Figure[] = [];
  for (const size of SIZES) {
    const { decide, unassigned } = routingDecider(size);
    const direct = routingDecider(size, { offers: false });
    perSecond(direct.decide, DECISIONS);
    const directRates: number[] = [];
    perSecond(decide, DECISIONS); // warm-up, and fills the floor to its steady load
    const rates: number[] = [];
    const p99s: number[] = [];
    const perExpiry: number[] = [];
    const scans: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      rates.push(perSecond(decide, DECISIONS));
      directRates.push(perSecond(direct.decide, DECISIONS));
      p99s.push(quantile(latenciesUs(decide, DECISIONS / 4), 0.99));
      const { perExpiryUs, wholeScanMs } = sweepCosts(size);
      perExpiry.push(perExpiryUs);
      scans.push(wholeScanMs);
      progress(GROUP, `${size} agents, run ${run + 1}/${RUNS}: ${rates[run].toFixed(0)} offer decisions/s, p99 ${p99s[run].toFixed(2)} us, `
        + `${perExpiryUs.toFixed(2)} us per expired offer, whole scan ${wholeScanMs.toFixed(2)} ms`);
    }
    if (unassigned() + direct.unassigned() > 0) throw new Error(`${unassigned() + direct.unassigned()} decisions found nobody eligible: the load is not steady`);
    const details = { agents: size, teams: TEAMS, decisionsPerRun: DECISIONS };
    figures.push(
      figure({
        benchmark: `routing decisions with offers on, ${size / 1000}k agents`, unit: 'decisions/s', runs: rates, details,
        baseline: { name: 'direct assignment decisions, same floor', runs: directRates },
      }),
      figure({ benchmark: `routing offer decision p99, ${size / 1000}k agents`, unit: 'us', runs: p99s, details }),
      figure({
        benchmark: `offer expiry found by the timer, ${size / 1000}k agents`, unit: 'us per expired offer', runs: perExpiry,
        details: { pendingOffers: '1 per online agent, half due', wholeScanOnStartMs: median(scans) },
      }),
    );
  }
  return figures;
});
