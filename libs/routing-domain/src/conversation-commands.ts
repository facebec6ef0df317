import type { CommandMetadata } from '@app/presence-domain';

interface ConversationCommandOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export type QueueConversation = ConversationCommandOf<'QueueConversation', {
  readonly conversationId: string;
  readonly team: string;
  readonly priority: number;
}>;

export type AssignConversation = ConversationCommandOf<'AssignConversation', {
  readonly conversationId: string;
  readonly agentId: string;
}>;

export type TransferConversation = ConversationCommandOf<'TransferConversation', {
  readonly conversationId: string;
  readonly toTeam: string;
  readonly reason?: string;
}>;

export type CloseConversation = ConversationCommandOf<'CloseConversation', {
  readonly conversationId: string;
}>;

export type ConversationCommand = QueueConversation | AssignConversation | TransferConversation | CloseConversation;
