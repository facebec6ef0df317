import { readConversationEvent } from './conversation-events.js';
import { decideConversation, evolveConversation, initialConversation } from './conversation.js';
import { routingRefusals } from './routing-refusals.js';

/**
 * Everything a command runner needs to drive a conversation stream, in one value.
 * Bump snapshotVersion whenever Conversation changes shape: older snapshots are then ignored.
 */
export const conversationDecider = {
  initialState: initialConversation, evolve: evolveConversation, decide: decideConversation, read: readConversationEvent,
  snapshotVersion: 1, refusals: routingRefusals,
};
