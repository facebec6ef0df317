import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader } from '@nestjs/swagger';
import { Authorizer, SlugParamPipe, accessPolicy, describeOutcome, type Caller, type CommandDescription } from '@app/platform';
import { RoutingState } from '../routing-state.js';
import { answerOf, type ConversationAnswer } from './conversation-answer.js';
import type { LifecycleOutcome } from './conversation-lifecycle.js';
import { GetConversationQuery } from './get-conversation/get-conversation.handler.js';

export const conversationIdPipe = new SlugParamPipe('conversationId');

export const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key', required: false, description: 'a retried request with the same key appends nothing new',
});

export type ConversationCommandResponse = ConversationAnswer & { readonly command: CommandDescription };

/** What the conversation command endpoints share: who may handle a conversation, and the answer's shape. */
@Injectable()
export class ConversationHttp {
  constructor(private readonly queries: QueryBus, private readonly state: RoutingState, private readonly authorizer: Authorizer) {}

  /** The assigned agent, a supervisor of the conversation's team, a service or an admin. */
  async requireHandling(caller: Caller, conversationId: string, action: string): Promise<void> {
    const current = await this.queries.execute(new GetConversationQuery(conversationId));
    this.authorizer.require(accessPolicy.handleConversation(caller, current.team, current.agentId), caller, action, `conversation ${conversationId}`);
  }

  answer(outcome: LifecycleOutcome, conversationId: string): ConversationCommandResponse {
    return { ...answerOf(outcome.conversation, this.state.view, conversationId), command: describeOutcome(outcome.command) };
  }
}
