import { RoutingError, type Conversation, type RoutingView } from '@app/routing-domain';

export interface ConversationAnswer {
  readonly conversationId: string;
  readonly status: 'queued' | 'offered' | 'assigned' | 'closed';
  readonly team: string;
  readonly priority: number | null;
  /** The agent it is offered to (offered), assigned to (assigned), or was with when it closed. */
  readonly agentId: string | null;
  /** 1-based place in the team's queue while queued, as this routing instance sees it. */
  readonly position: number | null;
  /** ISO-8601, while offered: when the offer expires unless the agent answers. */
  readonly offerExpiresAt: string | null;
}

export const answerOf = (conversation: Conversation, view: RoutingView, conversationId: string): ConversationAnswer => {
  switch (conversation.kind) {
    case 'none':
      throw new RoutingError('CONVERSATION_NOT_FOUND', `conversation ${conversationId} does not exist`, 'conversationId');
    case 'queued':
      return {
        conversationId, status: 'queued', team: conversation.team, priority: conversation.priority, agentId: null,
        position: view.queuePosition(conversationId) ?? null, offerExpiresAt: null,
      };
    case 'offered':
      return {
        conversationId, status: 'offered', team: conversation.team, priority: conversation.priority, agentId: conversation.agentId,
        position: null, offerExpiresAt: conversation.offerExpiresAt,
      };
    case 'assigned':
      return {
        conversationId, status: 'assigned', team: conversation.team, priority: conversation.priority, agentId: conversation.agentId,
        position: null, offerExpiresAt: null,
      };
    case 'closed':
      return {
        conversationId, status: 'closed', team: conversation.team, priority: null, agentId: conversation.agentId, position: null, offerExpiresAt: null,
      };
    default: {
      const unhandled: never = conversation;
      throw new Error(`unhandled conversation ${JSON.stringify(unhandled)}`);
    }
  }
};
