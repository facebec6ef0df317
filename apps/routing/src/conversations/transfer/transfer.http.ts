import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentCaller, actorOf, commandMetadata, type Caller } from '@app/platform';
import { ConversationHttp, conversationIdPipe, idempotencyHeader, type ConversationCommandResponse } from '../conversation-http.js';
import { TransferConversationBody } from './transfer.dto.js';
import { TransferConversationCommand } from './transfer.handler.js';

@ApiTags('conversations')
@Controller('v1/conversations')
export class TransferConversationHttp {
  constructor(private readonly commands: CommandBus, private readonly http: ConversationHttp) {}

  @Post(':conversationId/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a conversation to another team, from whichever agent has it, whatever its status' })
  @idempotencyHeader
  async transfer(
    @Param('conversationId', conversationIdPipe) conversationId: string, @Body() body: TransferConversationBody, @Req() request: Request,
    @CurrentCaller() caller: Caller,
  ): Promise<ConversationCommandResponse> {
    await this.http.requireHandling(caller, conversationId, 'transfer');
    const outcome = await this.commands.execute(new TransferConversationCommand({
      type: 'TransferConversation', data: { conversationId, toTeam: body.team, reason: body.reason },
      metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.http.answer(outcome, conversationId);
  }
}
