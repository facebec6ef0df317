import { Body, Controller, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorizer, CurrentCaller, accessPolicy, actorOf, commandMetadata, type Caller } from '@app/platform';
import { AgentCommandAnswer, type AgentCommandResponse } from '../agent-command-answer.js';
import { agentIdPipe, idempotencyHeader } from '../agent-http.js';
import { AgentTeams } from '../agent-teams.js';
import { AgentProfileBody } from './put-profile.dto.js';
import { PutAgentProfileCommand } from './put-profile.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class PutProfileHttp {
  constructor(
    private readonly commands: CommandBus, private readonly answer: AgentCommandAnswer,
    private readonly teams: AgentTeams, private readonly authorizer: Authorizer,
  ) {}

  @Put(':agentId')
  @ApiOperation({ summary: 'Register an agent, or change its profile (admins; supervisors within their teams)' }) @idempotencyHeader
  async putProfile(
    @Param('agentId', agentIdPipe) agentId: string, @Body() body: AgentProfileBody, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<AgentCommandResponse> {
    this.authorizer.require(accessPolicy.putAgentProfile(caller, this.teams.of(agentId), body.teams), caller, 'change the profile of', agentId);
    const outcome = await this.commands.execute(new PutAgentProfileCommand({
      type: 'PutAgentProfile', data: { agentId, ...body }, metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer.of(outcome);
  }
}
