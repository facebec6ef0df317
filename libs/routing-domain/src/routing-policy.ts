import type { RoutingView } from './routing-view.js';

/**
 * Chooses who takes a conversation of `team`. A policy is a pure function of
 * the view, registered by name, so it can be swapped, tested and measured
 * without a database.
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

export const ROUTING_POLICIES: Readonly<Record<string, RoutingPolicy>> = { [leastLoadedPolicy.name]: leastLoadedPolicy };
