import type {
  AssignConversation, CloseConversation, ConversationCommand, QueueConversation, RequeueConversation, TransferConversation,
} from './conversation-commands.js';
import { metadataFor, open } from './conversation-decision.js';
import type { ConversationEvent } from './conversation-events.js';
import { backInQueue, type Conversation } from './conversation-state.js';
import { decideOffer, evolveOffer, rescinded } from './conversation-offers.js';
import { RoutingError } from './routing-error.js';

export { initialConversation, type Conversation, type OpenConversation } from './conversation-state.js';

export const evolveConversation = (state: Conversation, event: ConversationEvent): Conversation => {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'ConversationQueued':
      return { kind: 'queued', conversationId: event.data.conversationId, team: event.data.team, priority: event.data.priority, queuedAt: at, passedOver: [] };
    case 'ConversationAssigned':
      if (state.kind !== 'queued') return state;
      return { ...state, kind: 'assigned', agentId: event.data.agentId, assignedAt: at };
    case 'ConversationTransferred':
      if (state.kind !== 'queued' && state.kind !== 'offered' && state.kind !== 'assigned') return state;
      // A new team is a new queue: a new place in it, and its own agents to pass it over.
      return { kind: 'queued', conversationId: state.conversationId, team: event.data.toTeam, priority: state.priority, queuedAt: at, passedOver: [] };
    case 'ConversationClosed':
      return { kind: 'closed', conversationId: event.data.conversationId, team: event.data.team, agentId: event.data.agentId, closedAt: at };
    case 'ConversationRequeued':
      return state.kind === 'assigned' ? backInQueue(state) : state;
    case 'ConversationOffered':
    case 'OfferAccepted':
    case 'OfferDeclined':
    case 'OfferExpired':
    case 'OfferRescinded':
      return evolveOffer(state, event);
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
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
  if (conversation.kind === 'offered') {
    throw new RoutingError('OFFER_PENDING', `conversation ${conversation.conversationId} is offered to ${conversation.agentId}`, 'conversationId');
  }
  return [{
    type: 'ConversationAssigned',
    data: { conversationId: conversation.conversationId, team: conversation.team, agentId: command.data.agentId },
    metadata: metadataFor(command),
  }];
};

/** From queued, offered (the offer is rescinded first) or assigned (the agent is released). */
const transfer = (command: TransferConversation, state: Conversation): ConversationEvent[] => {
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind === 'queued' && conversation.team === command.data.toTeam) return [];
  const offerEnd = conversation.kind === 'offered' ? [rescinded(command, conversation, 'conversation-transferred')] : [];
  return [...offerEnd, {
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
  const offerEnd = conversation.kind === 'offered' ? [rescinded(command, conversation, 'conversation-closed')] : [];
  return [...offerEnd, {
    type: 'ConversationClosed',
    data: { conversationId: conversation.conversationId, team: conversation.team, agentId: conversation.kind === 'assigned' ? conversation.agentId : null },
    metadata: metadataFor(command),
  }];
};

/** Only from the agent routing saw holding it: once it was closed, transferred or re-queued, there is nothing to do. */
const requeue = (command: RequeueConversation, state: Conversation): ConversationEvent[] => {
  if (state.kind === 'closed') return [];
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind !== 'assigned' || conversation.agentId !== command.data.agentId) return [];
  return [{
    type: 'ConversationRequeued',
    data: { conversationId: conversation.conversationId, team: conversation.team, fromAgentId: conversation.agentId, reason: command.data.reason },
    metadata: metadataFor(command),
  }];
};

/** The rule book of one conversation's life: queued, offered, assigned, transferred, re-queued, closed. */
export const decideConversation = (command: ConversationCommand, state: Conversation): ConversationEvent[] => {
  switch (command.type) {
    case 'QueueConversation': return queue(command, state);
    case 'AssignConversation': return assign(command, state);
    case 'TransferConversation': return transfer(command, state);
    case 'CloseConversation': return close(command, state);
    case 'RequeueConversation': return requeue(command, state);
    case 'OfferConversation':
    case 'AcceptOffer':
    case 'DeclineOffer':
    case 'ExpireOffer':
    case 'RescindOffer':
      return decideOffer(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
};
