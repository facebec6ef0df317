import type { RoutingView } from './routing-view.js';

/**
 * Chooses who takes a conversation of `team`. A policy is a pure function of
 * the view, registered by name, so it can be swapped, tested, measured and
 * replayed (what-if) without a database. Every policy picks only among the
 * team's eligible agents (online, under capacity), so none can route to an
 * agent who is away, offline, full or outside the team; asking does not
 * change the view (the queue drain asks before it assigns).
 */
export interface RoutingPolicy {
  readonly name: string;
  selectAgent(view: RoutingView, team: string, excluded?: ReadonlySet<string>): string | undefined;
}

/** Among eligible agents of the team: the least loaded, then the one idle longest at that load. */
export const leastLoadedPolicy: RoutingPolicy = {
  name: 'least-loaded',
  selectAgent: (view, team, excluded) => view.eligibleIn(team)?.first(excluded),
};

/**
 * Each eligible member of the team in turn, in the order they joined it,
 * starting after whoever got the team's last conversation; members who cannot
 * take one now are skipped, and keep their place in the rotation.
 */
export const roundRobinPolicy: RoutingPolicy = {
  name: 'round-robin',
  selectAgent: (view, team, excluded) => view.eligibleIn(team)?.nextInTurn(excluded),
};

/**
 * The eligible agent who has gone longest without being given a conversation
 * (counting from when it last got one, or last became able to take one:
 * came online, joined the team, or freed capacity when it was full),
 * whatever its load.
 */
export const longestIdlePolicy: RoutingPolicy = {
  name: 'longest-idle',
  selectAgent: (view, team, excluded) => view.eligibleIn(team)?.longestIdle(excluded),
};

export const ROUTING_POLICIES: Readonly<Record<string, RoutingPolicy>> = Object.fromEntries(
  [leastLoadedPolicy, roundRobinPolicy, longestIdlePolicy].map((policy) => [policy.name, policy]),
);
