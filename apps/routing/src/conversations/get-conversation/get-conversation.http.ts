import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, accessPolicy, type Caller } from '@app/platform';
import type { ConversationAnswer } from '../conversation-answer.js';
import { conversationIdPipe } from '../conversation-http.js';
import { GetConversationQuery } from './get-conversation.handler.js';

@ApiTags('conversations')
@Controller('v1/conversations')
export class GetConversationHttp {
  constructor(private readonly queries: QueryBus, private readonly authorizer: Authorizer) {}

  @Get(':conversationId')
  @ApiOperation({ summary: "The conversation's state from its stream: queued (position), assigned (agent) or closed" })
  async get(@Param('conversationId', conversationIdPipe) conversationId: string, @CurrentCaller() caller: Caller): Promise<ConversationAnswer> {
    const answer = await this.queries.execute(new GetConversationQuery(conversationId));
    this.authorizer.require(accessPolicy.readConversation(caller, answer.team, answer.agentId), caller, 'read', `conversation ${conversationId}`);
    return answer;
  }
}
