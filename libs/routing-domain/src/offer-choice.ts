import type { PassedOver } from './conversation-state.js';
import type { RoutingPolicy } from './routing-policy.js';
import type { RoutingView } from './routing-view.js';

/**
 * Whom to offer a conversation next: by the policy, first among agents who
 * have not declined or missed it; only when none of those is eligible, among
 * those who have. `refused` (agents whose reservation just failed) are
 * skipped in both rounds. Allocates only for a conversation someone passed
 * over, so the common first offer costs what a direct assignment does.
 */
export const nextOfferee = (
  policy: RoutingPolicy, view: RoutingView, team: string, passedOver: readonly PassedOver[], refused?: ReadonlySet<string>,
): string | undefined => {
  if (passedOver.length === 0) return policy.selectAgent(view, team, refused);
  const fresh = new Set(refused);
  for (const { agentId } of passedOver) fresh.add(agentId);
  return policy.selectAgent(view, team, fresh) ?? policy.selectAgent(view, team, refused);
};
