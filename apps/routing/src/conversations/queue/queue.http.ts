import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorizer, CurrentCaller, accessPolicy, actorOf, commandMetadata, type Caller } from '@app/platform';
import { ConversationHttp, idempotencyHeader, type ConversationCommandResponse } from '../conversation-http.js';
import { QueueConversationBody } from './queue.dto.js';
import { QueueConversationCommand } from './queue.handler.js';

@ApiTags('conversations')
@Controller('v1/conversations')
export class QueueConversationHttp {
  constructor(private readonly commands: CommandBus, private readonly http: ConversationHttp, private readonly authorizer: Authorizer) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Queue a conversation in a team and route it: the body says assigned (agentId) or queued (position)' })
  @idempotencyHeader
  async queue(@Body() body: QueueConversationBody, @Req() request: Request, @CurrentCaller() caller: Caller): Promise<ConversationCommandResponse> {
    this.authorizer.require(accessPolicy.queueConversation(caller), caller, 'queue', `conversation ${body.conversationId}`);
    const outcome = await this.commands.execute(new QueueConversationCommand({
      type: 'QueueConversation', data: { conversationId: body.conversationId, team: body.team, priority: body.priority ?? 0 },
      metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.http.answer(outcome, body.conversationId);
  }
}
