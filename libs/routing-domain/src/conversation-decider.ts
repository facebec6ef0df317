import type { StreamDecider } from '@app/kernel';
import type { ConversationCommand } from './conversation-commands.js';
import { conversationStreamId, readConversationEvent, type ConversationEvent } from './conversation-events.js';
import { routingRefusals } from './routing-refusals.js';
import { decideConversation, evolveConversation, initialConversation, type Conversation } from './conversation.js';

/**
 * Everything a command runner needs to drive a conversation stream, in one value.
 * Bump snapshotVersion whenever Conversation changes shape: older snapshots are then ignored.
 */
export const conversationDecider: StreamDecider<ConversationCommand, Conversation, ConversationEvent> = {
  initialState: initialConversation, evolve: evolveConversation, decide: decideConversation, read: readConversationEvent,
  streamOf: (command) => conversationStreamId(command.data.conversationId), streamId: conversationStreamId,
  snapshotVersion: 1, refusals: routingRefusals,
};
