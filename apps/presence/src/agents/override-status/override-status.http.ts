import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorizer, CurrentCaller, accessPolicy, actorOf, commandMetadata, type Caller } from '@app/platform';
import { AgentCommandAnswer, type AgentCommandResponse } from '../agent-command-answer.js';
import { agentIdPipe, idempotencyHeader } from '../agent-http.js';
import { AgentTeams } from '../agent-teams.js';
import { OverrideStatusBody } from './override-status.dto.js';
import { OverrideAgentStatusCommand } from './override-status.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class OverrideStatusHttp {
  constructor(
    private readonly commands: CommandBus, private readonly answer: AgentCommandAnswer,
    private readonly teams: AgentTeams, private readonly authorizer: Authorizer,
  ) {}

  @Post(':agentId/status-overrides')
  @ApiOperation({ summary: "A supervisor of the agent's team overrides its status, with a reason; the supervisor is the caller" }) @idempotencyHeader
  async overrideStatus(
    @Param('agentId', agentIdPipe) agentId: string, @Body() body: OverrideStatusBody, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<AgentCommandResponse> {
    this.authorizer.require(accessPolicy.overrideStatus(caller, this.teams.known(caller, agentId)), caller, 'override the status of', agentId);
    const outcome = await this.commands.execute(new OverrideAgentStatusCommand({
      type: 'OverrideAgentStatus', data: { agentId, status: body.status, reason: body.reason, supervisorId: caller.id, reasonCode: body.reasonCode },
      metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer.of(outcome);
  }
}
