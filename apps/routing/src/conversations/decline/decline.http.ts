import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentCaller, actorOf, commandMetadata, type Caller } from '@app/platform';
import { RoutingClock } from '../../routing-clock.js';
import { ConversationHttp, conversationIdPipe, idempotencyHeader, type ConversationCommandResponse } from '../conversation-http.js';
import { DeclineOfferBody } from './decline.dto.js';
import { DeclineOfferCommand } from './decline.handler.js';

@ApiTags('conversations')
@Controller('v1/conversations')
export class DeclineOfferHttp {
  constructor(private readonly commands: CommandBus, private readonly http: ConversationHttp, private readonly clock: RoutingClock) {}

  @Post(':conversationId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'The offered agent (or an admin for it) declines the offer: the body says whom it is offered to next, or queued' })
  @ApiResponse({ status: 409, description: 'OFFER_EXPIRED after the deadline; OFFER_NOT_PENDING when it is not offered to the caller' })
  @idempotencyHeader
  async decline(
    @Param('conversationId', conversationIdPipe) conversationId: string, @Body() body: DeclineOfferBody, @Req() request: Request,
    @CurrentCaller() caller: Caller,
  ): Promise<ConversationCommandResponse> {
    const agentId = await this.http.requireAnswering(caller, conversationId, 'decline');
    // Routing's clock decides deadlines, so an answer is timed by it too.
    const metadata = { ...commandMetadata(request, actorOf(caller)), now: this.clock.now() };
    const outcome = await this.commands.execute(new DeclineOfferCommand({
      type: 'DeclineOffer', data: { conversationId, agentId, ...(body.reason === undefined ? {} : { reason: body.reason }) }, metadata,
    }));
    return this.http.answer(outcome, conversationId);
  }
}
