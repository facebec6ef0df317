import type { ConversationEvent } from './conversation-events.js';

/** How an offer ended, as the agent's console is told. */
export type OfferEnding = 'accepted' | 'declined' | 'expired' | 'rescinded';

/**
 * What the agent's session stream (GET /v1/agents/{id}/session) says about an
 * offer: `offer` when one starts ringing (with its deadline), `offer-ended`
 * when it stops, whichever way. Addressed to the offered agent.
 */
export type OfferSessionMessage =
  | {
      readonly agentId: string;
      readonly event: 'offer';
      readonly data: { readonly conversationId: string; readonly team: string; readonly offerExpiresAt: string };
    }
  | {
      readonly agentId: string;
      readonly event: 'offer-ended';
      readonly data: { readonly conversationId: string; readonly outcome: OfferEnding };
    };

const ended = (agentId: string, conversationId: string, outcome: OfferEnding): OfferSessionMessage =>
  ({ agentId, event: 'offer-ended', data: { conversationId, outcome } });

/** The session message a conversation event means for the agent it was offered to; undefined for events that are not about an offer. */
export const offerSessionMessageOf = (event: ConversationEvent): OfferSessionMessage | undefined => {
  switch (event.type) {
    case 'ConversationOffered': {
      const { agentId, conversationId, team, offerExpiresAt } = event.data;
      return { agentId, event: 'offer', data: { conversationId, team, offerExpiresAt } };
    }
    case 'OfferAccepted': return ended(event.data.agentId, event.data.conversationId, 'accepted');
    case 'OfferDeclined': return ended(event.data.agentId, event.data.conversationId, 'declined');
    case 'OfferExpired': return ended(event.data.agentId, event.data.conversationId, 'expired');
    case 'OfferRescinded': return ended(event.data.agentId, event.data.conversationId, 'rescinded');
    case 'ConversationQueued':
    case 'ConversationAssigned':
    case 'ConversationTransferred':
    case 'ConversationClosed':
    case 'ConversationRequeued':
      return undefined;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};
