import type { EventOf } from '@app/kernel';
import { OFFER_EVENT_TYPES, type OfferEvent } from './offer-events.js';

export const CONVERSATION_EVENT_SCHEMA_VERSION = 1;
export const CONVERSATION_STREAM_PREFIX = 'conversation-';
export const conversationStreamId = (conversationId: string): string => `${CONVERSATION_STREAM_PREFIX}${conversationId}`;

export type ConversationQueued = EventOf<'ConversationQueued', {
  readonly conversationId: string;
  readonly team: string;
  /** Higher goes first; equal priorities go oldest first. */
  readonly priority: number;
}>;

export type ConversationAssigned = EventOf<'ConversationAssigned', {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
}>;

export type ConversationTransferred = EventOf<'ConversationTransferred', {
  readonly conversationId: string;
  readonly fromTeam: string;
  readonly toTeam: string;
  /** The agent who had it, if it was assigned; that agent is released. */
  readonly fromAgentId: string | null;
  readonly reason: string | null;
}>;

export type ConversationClosed = EventOf<'ConversationClosed', {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string | null;
}>;

export type RequeueReason = 'agent-unavailable';

/** Taken from its agent (away or offline past the team's grace) and queued again at its original queue time. */
export type ConversationRequeued = EventOf<'ConversationRequeued', {
  readonly conversationId: string;
  readonly team: string;
  /** The agent who had it; that agent is released. */
  readonly fromAgentId: string;
  readonly reason: RequeueReason;
}>;

export type ConversationEvent =
  | ConversationQueued | ConversationAssigned | ConversationTransferred | ConversationClosed | ConversationRequeued | OfferEvent;

export const CONVERSATION_EVENT_TYPES: readonly ConversationEvent['type'][] = [
  'ConversationQueued', 'ConversationAssigned', 'ConversationTransferred', 'ConversationClosed', 'ConversationRequeued',
  ...OFFER_EVENT_TYPES,
];

/** Stored conversation events are version 1; later versions add their upcasters here. Other types: undefined. */
export const readConversationEvent = (stored: { type: string; data: unknown; metadata: unknown }): ConversationEvent | undefined => {
  if (!(CONVERSATION_EVENT_TYPES as readonly string[]).includes(stored.type)) return undefined;
  const version = (stored.metadata as { schemaVersion?: unknown } | null)?.schemaVersion ?? 1;
  if (version !== CONVERSATION_EVENT_SCHEMA_VERSION) throw new Error(`cannot read ${stored.type} of schema version ${String(version)}`);
  return stored as ConversationEvent;
};
