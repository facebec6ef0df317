import { eventMetadataOf, type EventMetadata } from '@app/kernel';
import type { ConversationCommand } from './conversation-commands.js';
import { CONVERSATION_EVENT_SCHEMA_VERSION } from './conversation-events.js';
import type { Conversation, OpenConversation } from './conversation-state.js';
import { RoutingError } from './routing-error.js';

/** What every conversation event's metadata says: the command's clock, actor and ids, at today's schema. */
export const metadataFor = (command: ConversationCommand): EventMetadata => eventMetadataOf(command, CONVERSATION_EVENT_SCHEMA_VERSION);

/** The conversation while it is open (queued, offered or assigned), or the coded reason it is not. */
export const open = (state: Conversation, conversationId: string): OpenConversation => {
  if (state.kind === 'none') throw new RoutingError('CONVERSATION_NOT_FOUND', `conversation ${conversationId} does not exist`, 'conversationId');
  if (state.kind === 'closed') throw new RoutingError('CONVERSATION_CLOSED', `conversation ${conversationId} is closed`, 'conversationId');
  return state;
};
