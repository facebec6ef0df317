import type { AgentStatus } from '@app/kernel';
import type { RegisteredAgent, StatusSetter } from '@app/presence-domain';

/** One agent as the read side shows it: the API's answer to "who can take a conversation now?". */
export interface AgentAvailability {
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
  readonly status: AgentStatus;
  readonly since: string;
  readonly setBy: StatusSetter;
  /** Assigned and not yet closed or transferred; listed whatever the status, so the agent can conclude them. */
  readonly openConversations: readonly string[];
  /** Offers not yet answered; each holds a unit of capacity. */
  readonly pendingOffers: readonly string[];
  readonly consecutiveMissedOffers: number;
  /** Since when the agent has not been online (null while online): grace reassignment counts from it. */
  readonly unavailableSince: string | null;
  /** Revision of the agent's stream the view reflects. */
  readonly revision: number;
  /** Global position of the last event the view reflects (`commit/prepare`). */
  readonly position: string;
}

export const availabilityOf = (agent: RegisteredAgent, revision: number, position: string): AgentAvailability => ({
  agentId: agent.agentId,
  displayName: agent.displayName,
  teams: agent.teams,
  maxConcurrentConversations: agent.maxConcurrentConversations,
  status: agent.status,
  since: agent.since,
  setBy: agent.setBy,
  openConversations: agent.openConversations,
  pendingOffers: agent.pendingOffers,
  consecutiveMissedOffers: agent.consecutiveMissedOffers,
  unavailableSince: agent.unavailableSince,
  revision,
  position,
});

type OfferFields = 'pendingOffers' | 'consecutiveMissedOffers' | 'unavailableSince';

/** A view as stored: those stored before offers existed lack the offer fields. */
export type StoredAvailability = Omit<AgentAvailability, OfferFields> & Partial<Pick<AgentAvailability, OfferFields>>;

/**
 * The agent's presence from a stored view. An old view counts no offers and
 * no misses, and unavailable since its current status began (exact unless
 * the agent went away, then offline).
 */
export const presenceOfView = (view: StoredAvailability): RegisteredAgent => {
  const { revision: _revision, position: _position, pendingOffers, consecutiveMissedOffers, unavailableSince, ...agent } = view;
  return {
    kind: 'registered', ...agent,
    pendingOffers: pendingOffers ?? [],
    consecutiveMissedOffers: consecutiveMissedOffers ?? 0,
    unavailableSince: unavailableSince !== undefined ? unavailableSince : agent.status === 'online' ? null : agent.since,
  };
};
