import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { accessPolicy } from '../../../presence/src/auth/access-policy.js';
import { CurrentCaller } from '../../../presence/src/auth/auth.guard.js';
import { Authorizer } from '../../../presence/src/auth/authorizer.js';
import { actorOf, type Caller } from '../../../presence/src/auth/caller.js';
import { commandMetadata } from '../../../presence/src/http/command-context.js';
import { describeOutcome } from '../../../presence/src/agents/presence-command-runner.js';
import { SlugParamPipe } from '../../../presence/src/http/request-errors.js';
import type { LifecycleOutcome } from '../conversations/conversation-lifecycle.js';
import {
  CloseConversationCommand, QueueConversationCommand, TransferConversationCommand,
} from '../conversations/routing-commands.js';
import { GetConversationQuery } from '../conversations/routing-queries.js';
import { RoutingState } from '../conversations/routing-state.js';
import { answerOf, type ConversationAnswer } from './conversation-answer.js';
import { QueueConversationBody, TransferConversationBody } from './routing-dtos.js';

const conversationIdPipe = new SlugParamPipe('conversationId');
const idempotencyHeader = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key appends nothing new' });

export type ConversationCommandResponse = ConversationAnswer & { readonly command: ReturnType<typeof describeOutcome> };

@ApiTags('conversations')
@Controller('v1/conversations')
export class ConversationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly state: RoutingState,
    private readonly authorizer: Authorizer,
  ) {}

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
    return this.answer(outcome, body.conversationId);
  }

  @Post(':conversationId/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a conversation to another team, from whichever agent has it, whatever its status' })
  @idempotencyHeader
  async transfer(
    @Param('conversationId', conversationIdPipe) conversationId: string, @Body() body: TransferConversationBody, @Req() request: Request,
    @CurrentCaller() caller: Caller,
  ): Promise<ConversationCommandResponse> {
    await this.requireHandling(caller, conversationId, 'transfer');
    const outcome = await this.commands.execute(new TransferConversationCommand({
      type: 'TransferConversation', data: { conversationId, toTeam: body.team, reason: body.reason },
      metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer(outcome, conversationId);
  }

  @Post(':conversationId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a conversation, freeing its agent' })
  @idempotencyHeader
  async close(
    @Param('conversationId', conversationIdPipe) conversationId: string, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<ConversationCommandResponse> {
    await this.requireHandling(caller, conversationId, 'close');
    const outcome = await this.commands.execute(new CloseConversationCommand({
      type: 'CloseConversation', data: { conversationId }, metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer(outcome, conversationId);
  }

  @Get(':conversationId')
  @ApiOperation({ summary: "The conversation's state from its stream: queued (position), assigned (agent) or closed" })
  async get(@Param('conversationId', conversationIdPipe) conversationId: string, @CurrentCaller() caller: Caller): Promise<ConversationAnswer> {
    const answer = await this.queries.execute(new GetConversationQuery(conversationId));
    this.authorizer.require(accessPolicy.readConversation(caller, answer.team, answer.agentId), caller, 'read', `conversation ${conversationId}`);
    return answer;
  }

  /** The assigned agent, a supervisor of the conversation's team, a service or an admin. */
  private async requireHandling(caller: Caller, conversationId: string, action: string): Promise<void> {
    const current = await this.queries.execute(new GetConversationQuery(conversationId));
    this.authorizer.require(accessPolicy.handleConversation(caller, current.team, current.agentId), caller, action, `conversation ${conversationId}`);
  }

  private answer(outcome: LifecycleOutcome, conversationId: string): ConversationCommandResponse {
    return { ...answerOf(outcome.conversation, this.state.view, conversationId), command: describeOutcome(outcome.command) };
  }
}
