import { eventMetadataOf } from '@app/kernel';
import type {
  AssignConversation, CloseConversation, ConversationCommand, QueueConversation, TransferConversation,
} from './conversation-commands.js';
import { CONVERSATION_EVENT_SCHEMA_VERSION, type ConversationEvent } from './conversation-events.js';
import { RoutingError } from './routing-error.js';

export type Conversation =
  | { readonly kind: 'none' }
  | { readonly kind: 'queued'; readonly conversationId: string; readonly team: string; readonly priority: number; readonly queuedAt: string }
  | {
      readonly kind: 'assigned'; readonly conversationId: string; readonly team: string; readonly priority: number;
      readonly queuedAt: string; readonly agentId: string; readonly assignedAt: string;
    }
  | { readonly kind: 'closed'; readonly conversationId: string; readonly team: string; readonly agentId: string | null; readonly closedAt: string };

export type OpenConversation = Extract<Conversation, { kind: 'queued' | 'assigned' }>;

export const initialConversation = (): Conversation => ({ kind: 'none' });

export const evolveConversation = (state: Conversation, event: ConversationEvent): Conversation => {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'ConversationQueued':
      return { kind: 'queued', conversationId: event.data.conversationId, team: event.data.team, priority: event.data.priority, queuedAt: at };
    case 'ConversationAssigned':
      if (state.kind !== 'queued') return state;
      return { ...state, kind: 'assigned', agentId: event.data.agentId, assignedAt: at };
    case 'ConversationTransferred':
      if (state.kind !== 'queued' && state.kind !== 'assigned') return state;
      return { kind: 'queued', conversationId: state.conversationId, team: event.data.toTeam, priority: state.priority, queuedAt: at };
    case 'ConversationClosed':
      return { kind: 'closed', conversationId: event.data.conversationId, team: event.data.team, agentId: event.data.agentId, closedAt: at };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};

const metadataFor = (command: ConversationCommand) => eventMetadataOf(command, CONVERSATION_EVENT_SCHEMA_VERSION);

const open = (state: Conversation, conversationId: string): OpenConversation => {
  if (state.kind === 'none') throw new RoutingError('CONVERSATION_NOT_FOUND', `conversation ${conversationId} does not exist`, 'conversationId');
  if (state.kind === 'closed') throw new RoutingError('CONVERSATION_CLOSED', `conversation ${conversationId} is closed`, 'conversationId');
  return state;
};

const queue = (command: QueueConversation, state: Conversation): ConversationEvent[] => {
  const { conversationId, team, priority } = command.data;
  if (state.kind === 'none') return [{ type: 'ConversationQueued', data: { conversationId, team, priority }, metadata: metadataFor(command) }];
  // The same request again (a client retry) is not an error; a different one for the same id is.
  if (state.kind !== 'closed' && state.team === team && state.priority === priority) return [];
  throw new RoutingError('CONVERSATION_EXISTS', `conversation ${conversationId} already exists`, 'conversationId');
};

const assign = (command: AssignConversation, state: Conversation): ConversationEvent[] => {
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind === 'assigned') {
    if (conversation.agentId === command.data.agentId) return [];
    throw new RoutingError('CONVERSATION_ALREADY_ASSIGNED', `conversation ${conversation.conversationId} is assigned to ${conversation.agentId}`, 'conversationId');
  }
  return [{
    type: 'ConversationAssigned',
    data: { conversationId: conversation.conversationId, team: conversation.team, agentId: command.data.agentId },
    metadata: metadataFor(command),
  }];
};

const transfer = (command: TransferConversation, state: Conversation): ConversationEvent[] => {
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind === 'queued' && conversation.team === command.data.toTeam) return [];
  return [{
    type: 'ConversationTransferred',
    data: {
      conversationId: conversation.conversationId, fromTeam: conversation.team, toTeam: command.data.toTeam,
      fromAgentId: conversation.kind === 'assigned' ? conversation.agentId : null, reason: command.data.reason?.trim() || null,
    },
    metadata: metadataFor(command),
  }];
};

const close = (command: CloseConversation, state: Conversation): ConversationEvent[] => {
  if (state.kind === 'closed') return [];
  const conversation = open(state, command.data.conversationId);
  return [{
    type: 'ConversationClosed',
    data: { conversationId: conversation.conversationId, team: conversation.team, agentId: conversation.kind === 'assigned' ? conversation.agentId : null },
    metadata: metadataFor(command),
  }];
};

/** The rule book of one conversation's life: queued, assigned, transferred, closed. */
export const decideConversation = (command: ConversationCommand, state: Conversation): ConversationEvent[] => {
  switch (command.type) {
    case 'QueueConversation': return queue(command, state);
    case 'AssignConversation': return assign(command, state);
    case 'TransferConversation': return transfer(command, state);
    case 'CloseConversation': return close(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
};
