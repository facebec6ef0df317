import type { ConversationCommand } from './conversation-commands.js';
import { metadataFor, open } from './conversation-decision.js';
import type { ConversationEvent } from './conversation-events.js';
import {
  backInQueue, passedOverBy, passedOverOutcome, type Conversation, type OfferedConversation, type OpenConversation,
} from './conversation-state.js';
import type { AcceptOffer, DeclineOffer, ExpireOffer, OfferCommand, OfferConversation, RescindOffer } from './offer-commands.js';
import type { OfferEvent, OfferRescindReason, OfferRescinded } from './offer-events.js';
import { RoutingError } from './routing-error.js';

export const evolveOffer = (state: Conversation, event: OfferEvent): Conversation => {
  switch (event.type) {
    case 'ConversationOffered':
      if (state.kind !== 'queued') return state;
      return { ...state, kind: 'offered', agentId: event.data.agentId, offeredAt: event.metadata.occurredAt, offerExpiresAt: event.data.offerExpiresAt };
    case 'OfferAccepted':
      if (state.kind !== 'offered') return state;
      return { ...backInQueue(state), kind: 'assigned', agentId: state.agentId, assignedAt: event.metadata.occurredAt };
    case 'OfferDeclined':
      return state.kind === 'offered' ? backInQueue(state, passedOverBy(state.passedOver, state.agentId, 'declined')) : state;
    case 'OfferExpired':
      return state.kind === 'offered' ? backInQueue(state, passedOverBy(state.passedOver, state.agentId, 'missed')) : state;
    case 'OfferRescinded':
      return state.kind === 'offered' ? backInQueue(state) : state;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};

const isDue = (offer: OfferedConversation, now: Date): boolean => now.getTime() >= Date.parse(offer.offerExpiresAt);

/** The offer the agent may answer now, or the coded reason there is none (expired, or not theirs to answer). */
const answerableOffer = (conversation: OpenConversation, agentId: string, now: Date): OfferedConversation => {
  const { conversationId } = conversation;
  if (conversation.kind === 'offered' && conversation.agentId === agentId) {
    if (!isDue(conversation, now)) return conversation;
    throw new RoutingError('OFFER_EXPIRED', `the offer of ${conversationId} to ${agentId} expired at ${conversation.offerExpiresAt}`, 'conversationId');
  }
  if (passedOverOutcome(conversation, agentId) === 'missed') {
    throw new RoutingError('OFFER_EXPIRED', `the offer of ${conversationId} to ${agentId} expired`, 'conversationId');
  }
  throw new RoutingError('OFFER_NOT_PENDING', `${conversationId} is not offered to ${agentId}`, 'conversationId');
};

const offer = (command: OfferConversation, state: Conversation): ConversationEvent[] => {
  const { agentId, offerTimeoutSeconds } = command.data;
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind === 'offered') {
    if (conversation.agentId === agentId) return [];
    throw new RoutingError('OFFER_PENDING', `${conversation.conversationId} is offered to ${conversation.agentId}`, 'conversationId');
  }
  if (conversation.kind === 'assigned') {
    throw new RoutingError('CONVERSATION_ALREADY_ASSIGNED', `${conversation.conversationId} is assigned to ${conversation.agentId}`, 'conversationId');
  }
  if (!Number.isInteger(offerTimeoutSeconds) || offerTimeoutSeconds <= 0) {
    throw new RoutingError('INVALID_TEAM_SETTINGS', 'offerTimeoutSeconds must be a whole number above 0', 'offerTimeoutSeconds');
  }
  const offerExpiresAt = new Date(command.metadata.now.getTime() + offerTimeoutSeconds * 1000).toISOString();
  return [{
    type: 'ConversationOffered',
    data: { conversationId: conversation.conversationId, team: conversation.team, agentId, offerExpiresAt },
    metadata: metadataFor(command),
  }];
};

const accept = (command: AcceptOffer, state: Conversation): ConversationEvent[] => {
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind === 'assigned' && conversation.agentId === command.data.agentId) return [];
  const { conversationId, team, agentId } = answerableOffer(conversation, command.data.agentId, command.metadata.now);
  return [{ type: 'OfferAccepted', data: { conversationId, team, agentId }, metadata: metadataFor(command) }];
};

const decline = (command: DeclineOffer, state: Conversation): ConversationEvent[] => {
  const conversation = open(state, command.data.conversationId);
  const declinedBefore = passedOverOutcome(conversation, command.data.agentId) === 'declined'
    && !(conversation.kind === 'offered' && conversation.agentId === command.data.agentId);
  if (declinedBefore) return [];
  const { conversationId, team, agentId } = answerableOffer(conversation, command.data.agentId, command.metadata.now);
  const reason = command.data.reason?.trim() || null;
  return [{ type: 'OfferDeclined', data: { conversationId, team, agentId, reason }, metadata: metadataFor(command) }];
};

/** On or after the deadline, while the offer is still the agent's; otherwise (answered, or not yet due) nothing. */
const expire = (command: ExpireOffer, state: Conversation): ConversationEvent[] => {
  if (state.kind === 'closed') return [];
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind !== 'offered' || conversation.agentId !== command.data.agentId || !isDue(conversation, command.metadata.now)) return [];
  const { conversationId, team, agentId, offerExpiresAt } = conversation;
  return [{ type: 'OfferExpired', data: { conversationId, team, agentId, offerExpiresAt }, metadata: metadataFor(command) }];
};

const rescind = (command: RescindOffer, state: Conversation): ConversationEvent[] => {
  if (state.kind === 'closed') return [];
  const conversation = open(state, command.data.conversationId);
  if (conversation.kind !== 'offered' || conversation.agentId !== command.data.agentId) return [];
  return [rescinded(command, conversation, command.data.reason)];
};

/** The event that takes a pending offer back; also the first event of a close or transfer of an offered conversation. */
export const rescinded = (command: ConversationCommand, offered: OfferedConversation, reason: OfferRescindReason): OfferRescinded => ({
  type: 'OfferRescinded',
  data: { conversationId: offered.conversationId, team: offered.team, agentId: offered.agentId, reason },
  metadata: metadataFor(command),
});

/** The rule book of an offer: made to one agent, then accepted, declined, expired or rescinded, once. */
export const decideOffer = (command: OfferCommand, state: Conversation): ConversationEvent[] => {
  switch (command.type) {
    case 'OfferConversation': return offer(command, state);
    case 'AcceptOffer': return accept(command, state);
    case 'DeclineOffer': return decline(command, state);
    case 'ExpireOffer': return expire(command, state);
    case 'RescindOffer': return rescind(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
};
