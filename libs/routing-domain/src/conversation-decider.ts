import { readConversationEvent } from './conversation-events.js';
import { decideConversation, evolveConversation } from './conversation.js';
import { initialConversation } from './conversation-state.js';

/** Everything a command runner needs to drive a conversation stream, in one value. */
export const conversationDecider = {
  initialState: initialConversation, evolve: evolveConversation, decide: decideConversation, read: readConversationEvent,
};
