import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader } from '@nestjs/swagger';
import { Authorizer, SlugParamPipe, accessPolicy, describeOutcome, type Caller, type CommandDescription } from '@app/platform';
import { RoutingError } from '@app/routing-domain';
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

  /** The assigned agent (not one it is only offered to: that one accepts or declines), a supervisor of its team, a service or an admin. */
  async requireHandling(caller: Caller, conversationId: string, action: string): Promise<void> {
    const current = await this.queries.execute(new GetConversationQuery(conversationId));
    const holder = current.status === 'offered' ? null : current.agentId;
    this.authorizer.require(accessPolicy.handleConversation(caller, current.team, holder), caller, action, `conversation ${conversationId}`);
  }

  /**
   * Who answers an offer: an agent of the conversation's team for itself
   * (whether it is offered to it is the conversation's rule, a 409), an admin
   * for the agent it is offered to now.
   */
  async requireAnswering(caller: Caller, conversationId: string, action: 'accept' | 'decline'): Promise<string> {
    const current = await this.queries.execute(new GetConversationQuery(conversationId));
    this.authorizer.require(accessPolicy.answerOffer(caller, current.team), caller, `${action} the offer of`, `conversation ${conversationId}`);
    if (caller.role === 'agent') return caller.id;
    if ((current.status === 'offered' || current.status === 'assigned') && current.agentId) return current.agentId;
    throw new RoutingError('OFFER_NOT_PENDING', `conversation ${conversationId} is ${current.status}, offered to nobody`, 'conversationId');
  }

  answer(outcome: LifecycleOutcome, conversationId: string): ConversationCommandResponse {
    return { ...answerOf(outcome.conversation, this.state.view, conversationId), command: describeOutcome(outcome.command) };
  }
}
