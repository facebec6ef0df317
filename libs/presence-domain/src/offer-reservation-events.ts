import type { EventOf } from '@app/kernel';

/*
 * The agent's side of an offer: one unit of capacity held from the offer
 * until it ends, so routing never offers or assigns past capacity, even with
 * several routing instances (the agent stream's expected revision guards it).
 */

/** An offer of the conversation holds a unit of the agent's capacity. */
export type AgentOfferReserved = EventOf<'AgentOfferReserved', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly team: string;
}>;

/** The agent accepted: the reserved unit holds the conversation now, and the missed-offer count starts again. */
export type AgentOfferAccepted = EventOf<'AgentOfferAccepted', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly team: string;
}>;

/** How an unaccepted offer ended for the agent; only `missed` counts towards being set away. */
export type OfferReleaseOutcome = 'declined' | 'missed' | 'rescinded';

export type AgentOfferReleased = EventOf<'AgentOfferReleased', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly outcome: OfferReleaseOutcome;
}>;

export type OfferReservationEvent = AgentOfferReserved | AgentOfferAccepted | AgentOfferReleased;

export const OFFER_RESERVATION_EVENT_TYPES: readonly OfferReservationEvent['type'][] = [
  'AgentOfferReserved', 'AgentOfferAccepted', 'AgentOfferReleased',
];
