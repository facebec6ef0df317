import { readConversationEvent } from './conversation-events.js';
import { decideConversation, evolveConversation, initialConversation } from './conversation.js';

/** Everything a command runner needs to drive a conversation stream, in one value. */
export const conversationDecider = {
  initialState: initialConversation, evolve: evolveConversation, decide: decideConversation, read: readConversationEvent,
};
