import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { answerOf, type ConversationAnswer } from '../http/conversation-answer.js';
import { ConversationCommandRunner } from './conversation-command-runner.js';
import { RoutingState } from './routing-state.js';

export interface TeamQueueAnswer {
  readonly team: string;
  readonly conversations: readonly { conversationId: string; priority: number; queuedAt: string; position: number }[];
}

export class GetConversationQuery extends Query<ConversationAnswer> {
  constructor(readonly conversationId: string) { super(); }
}

export class GetTeamQueueQuery extends Query<TeamQueueAnswer> {
  constructor(readonly team: string) { super(); }
}

/** From the conversation's stream, not the view: the answer is the record, whatever this instance has seen. */
@QueryHandler(GetConversationQuery)
export class GetConversationHandler implements IQueryHandler<GetConversationQuery> {
  constructor(private readonly conversations: ConversationCommandRunner, private readonly state: RoutingState) {}
  async execute({ conversationId }: GetConversationQuery): Promise<ConversationAnswer> {
    const stream = await this.conversations.load(conversationId);
    return answerOf(stream.state, this.state.view, conversationId);
  }
}

@QueryHandler(GetTeamQueueQuery)
export class GetTeamQueueHandler implements IQueryHandler<GetTeamQueueQuery> {
  constructor(private readonly state: RoutingState) {}
  async execute({ team }: GetTeamQueueQuery): Promise<TeamQueueAnswer> {
    const conversations = this.state.view.queueOf(team).map(({ conversationId, priority, queuedAt }, index) =>
      ({ conversationId, priority, queuedAt, position: index + 1 }));
    return { team, conversations };
  }
}

export const ROUTING_QUERY_HANDLERS = [GetConversationHandler, GetTeamQueueHandler];
