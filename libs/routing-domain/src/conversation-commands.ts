import type { CommandOf } from '@app/kernel';

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

export type ConversationCommand = QueueConversation | AssignConversation | TransferConversation | CloseConversation;
