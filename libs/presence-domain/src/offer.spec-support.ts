/** Builders for the agent's side of offers, beside presence.spec-support.ts. */
import type { Actor } from '@app/kernel';
import type { PresenceCommand } from './presence-commands.js';
import type { PresenceEvent } from './presence-events.js';
import type { OfferReleaseOutcome } from './offer-reservation-events.js';
import { NOW, commandMetadata, eventMetadata } from './presence.spec-support.js';

const routing: Actor = { kind: 'service', id: 'routing' };

export const reserve = (agentId: string, conversationId: string, team = 'sales'): PresenceCommand => ({
  type: 'ReserveForOffer', data: { agentId, conversationId, team }, metadata: commandMetadata(routing),
});

export const reserved = (agentId: string, conversationId: string, team = 'sales', at: Date = NOW): PresenceEvent => ({
  type: 'AgentOfferReserved', data: { agentId, conversationId, team }, metadata: eventMetadata(routing, at),
});

export const acceptOffered = (agentId: string, conversationId: string, team = 'sales'): PresenceCommand => ({
  type: 'AcceptOfferedConversation', data: { agentId, conversationId, team }, metadata: commandMetadata(routing),
});

export const offerAccepted = (agentId: string, conversationId: string, team = 'sales', at: Date = NOW): PresenceEvent => ({
  type: 'AgentOfferAccepted', data: { agentId, conversationId, team }, metadata: eventMetadata(routing, at),
});

export const releaseOffer = (agentId: string, conversationId: string, outcome: OfferReleaseOutcome): PresenceCommand => ({
  type: 'ReleaseOfferReservation', data: { agentId, conversationId, outcome }, metadata: commandMetadata(routing),
});

export const offerReleased = (agentId: string, conversationId: string, outcome: OfferReleaseOutcome, at: Date = NOW): PresenceEvent => ({
  type: 'AgentOfferReleased', data: { agentId, conversationId, outcome }, metadata: eventMetadata(routing, at),
});
