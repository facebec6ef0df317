import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentCaller, actorOf, commandMetadata, type Caller } from '@app/platform';
import { ConversationHttp, conversationIdPipe, idempotencyHeader, type ConversationCommandResponse } from '../conversation-http.js';
import { CloseConversationCommand } from './close.handler.js';

@ApiTags('conversations')
@Controller('v1/conversations')
export class CloseConversationHttp {
  constructor(private readonly commands: CommandBus, private readonly http: ConversationHttp) {}

  @Post(':conversationId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a conversation, freeing its agent' })
  @idempotencyHeader
  async close(
    @Param('conversationId', conversationIdPipe) conversationId: string, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<ConversationCommandResponse> {
    await this.http.requireHandling(caller, conversationId, 'close');
    const outcome = await this.commands.execute(new CloseConversationCommand({
      type: 'CloseConversation', data: { conversationId }, metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.http.answer(outcome, conversationId);
  }
}
