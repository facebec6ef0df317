import type { EventOf } from '@app/kernel';

/*
 * An offer's life on the conversation's stream: offered to one agent until a
 * deadline written into the event, then exactly one of accepted, declined,
 * expired or rescinded. Each is decided against the conversation's state at
 * the revision the deciding process saw, so an accept racing an expiry has
 * one winner. The agent's stream holds the matching capacity reservation.
 */

export type ConversationOffered = EventOf<'ConversationOffered', {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
  /** ISO-8601: when the offer expires unless answered; a restarted process finds the deadline here. */
  readonly offerExpiresAt: string;
}>;

/** The offered agent took the conversation: it is assigned to them. */
export type OfferAccepted = EventOf<'OfferAccepted', {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
}>;

/** The offered agent said no; the conversation is not offered to them again while someone else can take it. */
export type OfferDeclined = EventOf<'OfferDeclined', {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
  readonly reason: string | null;
}>;

/** Nobody answered before the deadline: a missed offer, counted on the agent. */
export type OfferExpired = EventOf<'OfferExpired', {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
  readonly offerExpiresAt: string;
}>;

/** Why an offer was taken back before anyone answered it. */
export type OfferRescindReason = 'agent-unavailable' | 'conversation-closed' | 'conversation-transferred';

/** The offer was taken back unanswered; the agent is not blamed for it. */
export type OfferRescinded = EventOf<'OfferRescinded', {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
  readonly reason: OfferRescindReason;
}>;

export type OfferEvent = ConversationOffered | OfferAccepted | OfferDeclined | OfferExpired | OfferRescinded;

export const OFFER_EVENT_TYPES: readonly OfferEvent['type'][] = [
  'ConversationOffered', 'OfferAccepted', 'OfferDeclined', 'OfferExpired', 'OfferRescinded',
];

/** The offer events that end an offer, and so free the agent's reservation. */
export type OfferEnd = Exclude<OfferEvent, ConversationOffered>;
