import type { Decider } from '@app/kernel';
import type { ConversationCommand } from './conversation-commands.js';
import { readConversationEvent, type ConversationEvent } from './conversation-events.js';
import { decideConversation, evolveConversation, initialConversation, type Conversation } from './conversation.js';

/** Everything a command runner needs to drive a conversation stream, in one value. */
export const conversationDecider: Decider<ConversationCommand, Conversation, ConversationEvent> = {
  initialState: initialConversation, evolve: evolveConversation, decide: decideConversation, read: readConversationEvent,
};
