import { RoutingView, leastLoadedPolicy } from '@app/routing-domain';
import { figure, quantile, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';
import { TEAMS, routedAgents, teamName } from './routing-floor.js';
import { latenciesUs, perSecond } from './timing-loops.js';

const GROUP = 'routing-decisions';
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const DECISIONS = QUICK ? 100_000 : 200_000;

/**
 * A decision: pick the least loaded eligible agent of a team and note the
 * assignment; and, once as many conversations are open as there are agents,
 * release the oldest one (upsertAgent with the next revision and one
 * conversation fewer, as the availability message after a close would), so
 * the load stays steady at about one conversation per agent. Each decision
 * thus also pays for one availability message, built here as the consumer
 * would deserialize it.
 *
 * The inputs a decision is given in the app (the conversation's team and id)
 * are made before timing, and the open conversations are kept in a ring of
 * two arrays, so that what is timed is the view and not the harness: ids are
 * reused round a ring twice as long as the number that can be open at once,
 * so an id is never open twice.
 */
const decider = (size: number) => {
  const view = new RoutingView();
  for (const agent of routedAgents(size)) view.upsertAgent(agent);
  const teams = Array.from({ length: TEAMS }, (_, index) => teamName(index));
  const ring = 2 * (size + 1);
  const conversationIds = Array.from({ length: ring }, (_, index) => `c-${index}`);
  const openAgents: string[] = new Array<string>(ring).fill('');
  const openConversations: string[] = new Array<string>(ring).fill('');
  let oldest = 0;
  let newest = 0;
  let sequence = 0;
  let unassigned = 0;
  const release = (): void => {
    const agent = view.agent(openAgents[oldest])!;
    const conversationId = openConversations[oldest];
    oldest = (oldest + 1) % ring;
    view.upsertAgent({
      ...agent, revision: agent.revision + 1,
      openConversations: agent.openConversations.filter((id) => id !== conversationId),
    });
  };
  const decide = (): void => {
    const team = teams[sequence % TEAMS];
    const conversationId = conversationIds[sequence % ring];
    sequence++;
    const agentId = leastLoadedPolicy.selectAgent(view, team);
    if (agentId === undefined) { unassigned++; return; }
    view.noteAssigned(agentId, conversationId);
    openAgents[newest] = agentId;
    openConversations[newest] = conversationId;
    newest = (newest + 1) % ring;
    if ((newest - oldest + ring) % ring > size) release();
  };
  return { decide, unassigned: () => unassigned };
};

/** The trivial floor: look an agent up in a Map by id and write a counter back. */
const mapBaseline = (size: number) => {
  const ids = Array.from({ length: size }, (_, index) => `agent-${index}`);
  const load = new Map<string, number>(ids.map((id) => [id, 0]));
  let sequence = 0;
  return (): void => {
    const id = ids[sequence++ % size];
    load.set(id, (load.get(id) ?? 0) + 1);
  };
};



await runGroup(GROUP, async () => {
  const figures: Figure[] = [];
  for (const size of SIZES) {
    const { decide, unassigned } = decider(size);
    const baseline = mapBaseline(size);
    perSecond(decide, DECISIONS); // warm-up, and fills the floor to its steady load
    perSecond(baseline, DECISIONS);
    const rates: number[] = [];
    const baselineRates: number[] = [];
    const p99s: number[] = [];
    const p50s: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      rates.push(perSecond(decide, DECISIONS));
      baselineRates.push(perSecond(baseline, DECISIONS));
      const samples = latenciesUs(decide, DECISIONS / 4);
      p99s.push(quantile(samples, 0.99));
      p50s.push(quantile(samples, 0.5));
      progress(GROUP, `${size} agents, run ${run + 1}/${RUNS}: ${rates[run].toFixed(0)} decisions/s, p99 ${p99s[run].toFixed(2)} us`);
    }
    const missed = unassigned();
    if (missed > 0) throw new Error(`${missed} decisions found nobody eligible: the load is not steady`);
    const details = { agents: size, teams: TEAMS, decisionsPerRun: DECISIONS };
    figures.push(
      figure({
        benchmark: `routing decisions, ${size / 1000}k agents`, unit: 'decisions/s', runs: rates,
        baseline: { name: 'Map get+set', runs: baselineRates }, details,
        ...(size === 100_000 ? { target: { text: '>= 100k/s', isMet: (value: number) => value >= 100_000 } } : {}),
      }),
      figure({ benchmark: `routing decision p99, ${size / 1000}k agents`, unit: 'us', runs: p99s, details: { ...details, p50us: p50s } }),
    );
  }
  return figures;
});
