/** Commands and events of one conversation (`c1`, team `sales`) for given/when/then specs. */
import type { Actor } from '@app/kernel';
import type { ConversationCommand } from './conversation-commands.js';
import { conversationDecider } from './conversation-decider.js';
import type { ConversationEvent } from './conversation-events.js';
import { deciderSpecification } from '@app/kernel/testing';
import { NOW, ROUTING, commandMetadata, eventMetadata } from './routing.spec-support.js';
import type { OfferRescindReason } from './offer-events.js';

export const givenConversation = deciderSpecification(conversationDecider);

const agent = (id: string): Actor => ({ kind: 'agent', id });
const event = <T extends ConversationEvent['type']>(type: T, data: Extract<ConversationEvent, { type: T }>['data'], when = NOW, actor = ROUTING) =>
  ({ type, data, metadata: eventMetadata(actor, when) }) as ConversationEvent;
const command = <T extends ConversationCommand['type']>(type: T, data: Extract<ConversationCommand, { type: T }>['data'], when = NOW, actor = ROUTING) =>
  ({ type, data, metadata: commandMetadata(actor, when) }) as ConversationCommand;

const c1 = { conversationId: 'c1', team: 'sales' } as const;

export const queued = (when = NOW, priority = 0) => event('ConversationQueued', { ...c1, priority }, when);
export const offered = (agentId: string, offerExpiresAt: Date, when = NOW) =>
  event('ConversationOffered', { ...c1, agentId, offerExpiresAt: offerExpiresAt.toISOString() }, when);
export const accepted = (agentId: string, when = NOW) => event('OfferAccepted', { ...c1, agentId }, when, agent(agentId));
export const declined = (agentId: string, reason: string | null = null, when = NOW) =>
  event('OfferDeclined', { ...c1, agentId, reason }, when, agent(agentId));
export const expired = (agentId: string, offerExpiresAt: Date, when = NOW) =>
  event('OfferExpired', { ...c1, agentId, offerExpiresAt: offerExpiresAt.toISOString() }, when);
export const rescinded = (agentId: string, reason: OfferRescindReason = 'agent-unavailable', when = NOW, actor = ROUTING) =>
  event('OfferRescinded', { ...c1, agentId, reason }, when, actor);
export const assigned = (agentId: string, when = NOW) => event('ConversationAssigned', { ...c1, agentId }, when);
export const requeued = (fromAgentId: string, when = NOW) =>
  event('ConversationRequeued', { ...c1, fromAgentId, reason: 'agent-unavailable' }, when);
export const closed = (agentId: string | null, when = NOW, actor = ROUTING) => event('ConversationClosed', { ...c1, agentId }, when, actor);
export const transferred = (fromAgentId: string | null, toTeam: string, when = NOW, actor = ROUTING) =>
  event('ConversationTransferred', { conversationId: 'c1', fromTeam: 'sales', toTeam, fromAgentId, reason: null }, when, actor);

export const offer = (agentId: string, offerTimeoutSeconds = 30, when = NOW) =>
  command('OfferConversation', { conversationId: 'c1', agentId, offerTimeoutSeconds }, when);
export const accept = (agentId: string, when = NOW) => command('AcceptOffer', { conversationId: 'c1', agentId }, when, agent(agentId));
export const decline = (agentId: string, reason?: string, when = NOW) =>
  command('DeclineOffer', { conversationId: 'c1', agentId, ...(reason === undefined ? {} : { reason }) }, when, agent(agentId));
export const expire = (agentId: string, when = NOW) => command('ExpireOffer', { conversationId: 'c1', agentId }, when);
export const rescind = (agentId: string, when = NOW) => command('RescindOffer', { conversationId: 'c1', agentId, reason: 'agent-unavailable' }, when);
export const assign = (agentId: string, when = NOW) => command('AssignConversation', { conversationId: 'c1', agentId }, when);
export const requeue = (agentId: string, when = NOW) =>
  command('RequeueConversation', { conversationId: 'c1', agentId, reason: 'agent-unavailable' }, when);
export const close = (when = NOW, actor = ROUTING) => command('CloseConversation', { conversationId: 'c1' }, when, actor);
export const transfer = (toTeam: string, when = NOW, actor = ROUTING) => command('TransferConversation', { conversationId: 'c1', toTeam }, when, actor);
