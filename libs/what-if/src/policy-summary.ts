import type { SimulationOutcome } from './simulation-outcome.js';

/** Least, middle and most over the agents. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export interface WaitSeconds {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** One policy's figures over the range, as the comparison prints them. */
export interface PolicySummary {
  readonly policy: string;
  /** Conversations that arrived in the range (in the team, when one is chosen). */
  readonly conversations: number;
  readonly answered: number;
  /** Left while waiting, as they did in the record. */
  readonly gaveUp: number;
  readonly stillWaiting: number;
  /** Over every conversation counted, including those that gave up or still wait (to the end of the log). */
  readonly waitSeconds: WaitSeconds;
  readonly serviceLevelSeconds: number;
  /** Conversations that waited longer than serviceLevelSeconds. */
  readonly overServiceLevel: number;
  readonly maxQueueLength: number;
  /** Agents online at some moment of the range, or given a conversation (in the team, when one is chosen). */
  readonly agents: number;
  readonly conversationsPerAgent: Spread;
  readonly busySecondsPerAgent: Spread;
}

export interface SummaryOptions {
  readonly serviceLevelSeconds: number;
  /** Only this team's conversations, queue and members. */
  readonly team?: string;
}

/** The q-quantile (0..1) of ascending `sorted`, by nearest rank; 0 when empty. */
export const quantile = (sorted: ArrayLike<number>, q: number): number =>
  (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);

export const spreadOf = (values: readonly number[]): Spread => {
  if (values.length === 0) return { min: 0, median: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
};

export const summarize = (outcome: SimulationOutcome, { serviceLevelSeconds, team }: SummaryOptions): PolicySummary => {
  const counted = outcome.conversations.filter((conversation) => conversation.arrivedInRange && (team === undefined || conversation.team === team));
  const waits = Float64Array.from(counted, (conversation) => conversation.waitMs / 1000).sort();
  const agents = outcome.agents.filter((agent) => (agent.availableInRange || agent.conversations > 0) && (team === undefined || agent.teams.includes(team)));
  return {
    policy: outcome.policy,
    conversations: counted.length,
    answered: counted.filter((conversation) => conversation.answered).length,
    gaveUp: counted.filter((conversation) => conversation.gaveUp).length,
    stillWaiting: counted.filter((conversation) => conversation.stillWaiting).length,
    waitSeconds: { p50: quantile(waits, 0.5), p90: quantile(waits, 0.9), p99: quantile(waits, 0.99), max: quantile(waits, 1) },
    serviceLevelSeconds,
    overServiceLevel: waits.length - upperBound(waits, serviceLevelSeconds),
    maxQueueLength: team === undefined ? outcome.maxQueueLength : (outcome.maxQueueLengthByTeam[team] ?? 0),
    agents: agents.length,
    conversationsPerAgent: spreadOf(agents.map((agent) => agent.conversations)),
    busySecondsPerAgent: spreadOf(agents.map((agent) => agent.busyMs / 1000)),
  };
};

/** How many of ascending `sorted` are <= limit. */
const upperBound = (sorted: Float64Array, limit: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
};
