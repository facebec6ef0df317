import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { RoutingState } from '../../routing-state.js';
import { CONVERSATION_STREAMS, type ConversationStreams } from '../../streams.js';
import { answerOf, type ConversationAnswer } from '../conversation-answer.js';

export class GetConversationQuery extends Query<ConversationAnswer> {
  constructor(readonly conversationId: string) { super(); }
}

/** From the conversation's stream, not the view: the answer is the record, whatever this instance has seen. */
@QueryHandler(GetConversationQuery)
export class GetConversationHandler implements IQueryHandler<GetConversationQuery> {
  constructor(@Inject(CONVERSATION_STREAMS) private readonly conversations: ConversationStreams, private readonly state: RoutingState) {}
  async execute({ conversationId }: GetConversationQuery): Promise<ConversationAnswer> {
    const stream = await this.conversations.load(conversationId);
    return answerOf(stream.state, this.state.view, conversationId);
  }
}
