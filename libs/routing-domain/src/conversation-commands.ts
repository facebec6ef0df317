import type { CommandOf } from '@app/kernel';
import type { RequeueReason } from './conversation-events.js';
import type { OfferCommand } from './offer-commands.js';

export type QueueConversation = CommandOf<'QueueConversation', {
  readonly conversationId: string;
  readonly team: string;
  readonly priority: number;
}>;

export type AssignConversation = CommandOf<'AssignConversation', {
  readonly conversationId: string;
  readonly agentId: string;
}>;

export type TransferConversation = CommandOf<'TransferConversation', {
  readonly conversationId: string;
  readonly toTeam: string;
  readonly reason?: string;
}>;

export type CloseConversation = CommandOf<'CloseConversation', {
  readonly conversationId: string;
}>;

/** Routing takes the conversation from an agent who stayed away or offline past the team's grace. */
export type RequeueConversation = CommandOf<'RequeueConversation', {
  readonly conversationId: string;
  /** The agent routing saw holding it; anyone else holding it by now means there is nothing to do. */
  readonly agentId: string;
  readonly reason: RequeueReason;
}>;

export type ConversationCommand =
  | QueueConversation | AssignConversation | TransferConversation | CloseConversation | RequeueConversation | OfferCommand;
