import { figure, quantile, type Figure } from './figure.js';
import { progress, runGroup } from './group-entry.js';
import { QUICK, RUNS } from './scale.js';
import { TEAMS, routingDecider } from './routing-floor.js';
import { latenciesUs, perSecond } from './timing-loops.js';

const GROUP = 'routing-decisions';
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const DECISIONS = QUICK ? 100_000 : 200_000;

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
    const { decide, unassigned } = routingDecider(size, { offers: false });
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
