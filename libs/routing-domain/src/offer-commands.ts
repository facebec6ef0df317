import type { CommandOf } from '@app/kernel';

/** Routing offers a queued conversation to an agent who holds a reservation for it; the deadline is now + the timeout. */
export type OfferConversation = CommandOf<'OfferConversation', {
  readonly conversationId: string;
  readonly agentId: string;
  /** The team's setting when the offer is made; the resulting deadline is written into the event. */
  readonly offerTimeoutSeconds: number;
}>;

/** The offered agent (or an admin for them) takes the conversation. */
export type AcceptOffer = CommandOf<'AcceptOffer', {
  readonly conversationId: string;
  readonly agentId: string;
}>;

export type DeclineOffer = CommandOf<'DeclineOffer', {
  readonly conversationId: string;
  readonly agentId: string;
  readonly reason?: string;
}>;

/** Routing, on or after the deadline: the offer to this agent ends unanswered. */
export type ExpireOffer = CommandOf<'ExpireOffer', {
  readonly conversationId: string;
  readonly agentId: string;
}>;

/** Routing takes the offer back because the agent went away or offline. */
export type RescindOffer = CommandOf<'RescindOffer', {
  readonly conversationId: string;
  readonly agentId: string;
  readonly reason: 'agent-unavailable';
}>;

export type OfferCommand = OfferConversation | AcceptOffer | DeclineOffer | ExpireOffer | RescindOffer;
