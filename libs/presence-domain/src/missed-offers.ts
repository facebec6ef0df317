import type { Actor, CommandMetadata } from '@app/kernel';
import { systemMayChangeStatus, type AgentPresence } from './agent-presence.js';
import type { SetAgentStatusBySystem } from './presence-commands.js';

/** Routing's offer timer acting on its own: the audit shows the system, not a person, set the status. */
export const MISSED_OFFER_ACTOR: Actor = { kind: 'system', id: 'routing' };

/**
 * The status change owed to an agent whose consecutive missed offers reached
 * the team's `missedOffersBeforeAway` (0: never): away, set by the system with
 * the built-in reason `missed-offer`, so routing stops ringing an empty desk.
 * Nothing below the count, and nothing for an agent the system may not move
 * (see systemMayChangeStatus: not online, or online by a person's word).
 */
export const awayForMissedOffers = (
  state: AgentPresence, missedOffersBeforeAway: number, metadata: Omit<CommandMetadata, 'actor'>,
): SetAgentStatusBySystem | undefined => {
  if (state.kind !== 'registered' || !systemMayChangeStatus(state)) return undefined;
  if (missedOffersBeforeAway <= 0 || state.consecutiveMissedOffers < missedOffersBeforeAway) return undefined;
  return {
    type: 'SetAgentStatusBySystem',
    data: { agentId: state.agentId, status: 'away', reasonCode: 'missed-offer' },
    metadata: { ...metadata, actor: MISSED_OFFER_ACTOR },
  };
};
