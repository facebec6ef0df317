import type { Actor } from './actor.js';
import type { AgentPresence } from './agent-presence.js';
import type { CommandMetadata, SetAgentStatus } from './presence-commands.js';

/** The built-in reason code of a status the system sets after missed offers (issue 12 catalogues it as `away`). */
export const MISSED_OFFER_REASON_CODE = 'missed-offer';

/** Routing's offer timer acting on its own: the audit shows the system, not a person, set the status. */
export const MISSED_OFFER_ACTOR: Actor = { kind: 'system', id: 'routing' };

/**
 * The status change owed to an agent whose consecutive missed offers reached
 * the team's `missedOffersBeforeAway` (0: never): away, set by the system with
 * reason `missed-offer`, so routing stops ringing an empty desk. Nothing for
 * an agent who is not online (it already is away or offline, by its own
 * choice or a supervisor's, and that stands), whose online status a
 * supervisor set (a person's word outranks what the system infers), or
 * below the count.
 */
export const awayForMissedOffers = (
  state: AgentPresence, missedOffersBeforeAway: number, metadata: Omit<CommandMetadata, 'actor'>,
): SetAgentStatus | undefined => {
  if (state.kind !== 'registered' || state.status !== 'online' || state.setBy.kind === 'supervisor') return undefined;
  if (missedOffersBeforeAway <= 0 || state.consecutiveMissedOffers < missedOffersBeforeAway) return undefined;
  return {
    type: 'SetAgentStatus',
    data: { agentId: state.agentId, status: 'away', reasonCode: MISSED_OFFER_REASON_CODE },
    metadata: { ...metadata, actor: MISSED_OFFER_ACTOR },
  };
};
