import { CONVERSATION_STREAM_PREFIX, offerSessionMessageOf, readConversationEvent } from '@app/routing-domain';
import type { SessionMessageSource } from './session-messages.js';

/**
 * Offers ring on the offered agent's session stream: `offer` ({conversationId,
 * team, offerExpiresAt}) when routing offers a conversation, `offer-ended`
 * ({conversationId, outcome}) when it is accepted, declined, expired or
 * rescinded. Read from the conversation streams, in log order, resumable
 * with Last-Event-ID like the rest of the session.
 */
export const offerSessionSource: SessionMessageSource = {
  streamPrefixes: [CONVERSATION_STREAM_PREFIX],
  messageOf: (recorded) => {
    const event = readConversationEvent(recorded);
    return event && offerSessionMessageOf(event);
  },
};
