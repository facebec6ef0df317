import type { AgentStatus } from '@app/kernel';
import type { TeamActivity } from './team-activity.js';

export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

/** What the team numbers need of an agent (from the availability read model or routing's view). */
export interface TeamStatsAgent {
  readonly teams: readonly string[];
  readonly status: AgentStatus;
  /** Whether the agent's console is connected (issue 12); absent counts as not connected. */
  readonly connected?: boolean;
}

export interface TeamStats {
  readonly team: string;
  /** ISO-8601: the instant the numbers are for. */
  readonly at: string;
  readonly agents: Readonly<Record<AgentStatus, number>> & { readonly connected: number };
  readonly conversations: {
    readonly queued: number;
    /** Seconds the longest-waiting queued conversation has waited; null when none waits. */
    readonly oldestWaitSeconds: number | null;
    readonly assignedNow: number;
  };
  readonly lastFifteenMinutes: {
    /** Conversations that arrived in the team (queued in it or transferred to it). */
    readonly offered: number;
    readonly assigned: number;
    /** Waits of the conversations assigned in the window, nearest rank; null when none was assigned. */
    readonly medianWaitSeconds: number | null;
    readonly p90WaitSeconds: number | null;
    /** Share of the conversations assigned in the window that waited at most `serviceLevelSeconds`; null when none. */
    readonly serviceLevel: number | null;
    readonly serviceLevelSeconds: number;
  };
}

export interface TeamStatsInput {
  readonly team: string;
  readonly now: Date;
  readonly activity: TeamActivity;
  readonly agents: Iterable<TeamStatsAgent>;
  readonly serviceLevelSeconds?: number;
}

/** The q-quantile (0 < q <= 1) of ascending values by nearest rank. */
const nearestRank = (ascending: readonly number[], q: number): number | null =>
  ascending.length === 0 ? null : ascending[Math.min(ascending.length - 1, Math.max(0, Math.ceil(q * ascending.length) - 1))];

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

const countAgents = (agents: Iterable<TeamStatsAgent>, team: string): TeamStats['agents'] => {
  const counts = { online: 0, away: 0, offline: 0, connected: 0 };
  for (const agent of agents) {
    if (!agent.teams.includes(team)) continue;
    counts[agent.status] += 1;
    if (agent.connected === true) counts.connected += 1;
  }
  return counts;
};

/** A team's live numbers at `now`: pure, from the activity fold and the agents as they stand. */
export const teamStats = ({ team, now, activity, agents, serviceLevelSeconds = DEFAULT_SERVICE_LEVEL_SECONDS }: TeamStatsInput): TeamStats => {
  const snapshot = activity.snapshot(team, now);
  const waits = [...snapshot.recentWaitsMs].sort((a, b) => a - b);
  const withinLevel = waits.filter((wait) => wait <= serviceLevelSeconds * 1000).length;
  const oldest = snapshot.oldestQueuedAt === null ? null : Math.max(0, now.getTime() - snapshot.oldestQueuedAt);
  return {
    team,
    at: now.toISOString(),
    agents: countAgents(agents, team),
    conversations: { queued: snapshot.queued, oldestWaitSeconds: seconds(oldest), assignedNow: snapshot.assignedNow },
    lastFifteenMinutes: {
      offered: snapshot.recentArrivals,
      assigned: waits.length,
      medianWaitSeconds: seconds(nearestRank(waits, 0.5)),
      p90WaitSeconds: seconds(nearestRank(waits, 0.9)),
      serviceLevel: waits.length === 0 ? null : withinLevel / waits.length,
      serviceLevelSeconds,
    },
  };
};
