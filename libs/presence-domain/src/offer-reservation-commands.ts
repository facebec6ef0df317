import type { CommandOf } from '@app/kernel';
import type { OfferReleaseOutcome } from './offer-reservation-events.js';

/** Routing holds a unit of the agent's capacity for an offer: only if online, in the team and under capacity. */
export type ReserveForOffer = CommandOf<'ReserveForOffer', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly team: string;
}>;

/** The conversation side recorded the agent's accept: the reserved unit now holds the open conversation. */
export type AcceptOfferedConversation = CommandOf<'AcceptOfferedConversation', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly team: string;
}>;

/** The offer ended unaccepted (the conversation side says how): its unit of capacity is free again. */
export type ReleaseOfferReservation = CommandOf<'ReleaseOfferReservation', {
  readonly agentId: string;
  readonly conversationId: string;
  readonly outcome: OfferReleaseOutcome;
}>;

export type OfferReservationCommand = ReserveForOffer | AcceptOfferedConversation | ReleaseOfferReservation;
