import { Body, Controller, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorizer, CurrentCaller, accessPolicy, actorOf, commandMetadata, type Caller } from '@app/platform';
import { AgentCommandAnswer, type AgentCommandResponse } from '../agent-command-answer.js';
import { agentIdPipe, idempotencyHeader } from '../agent-http.js';
import { SetStatusBody } from './set-status.dto.js';
import { SetAgentStatusCommand } from './set-status.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class SetStatusHttp {
  constructor(private readonly commands: CommandBus, private readonly answer: AgentCommandAnswer, private readonly authorizer: Authorizer) {}

  @Put(':agentId/status')
  @ApiOperation({ summary: 'The agent sets its own status (an admin may too; the history shows who really acted)' }) @idempotencyHeader
  async setStatus(
    @Param('agentId', agentIdPipe) agentId: string, @Body() body: SetStatusBody, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<AgentCommandResponse> {
    this.authorizer.require(accessPolicy.setStatus(caller, agentId), caller, 'set the status of', agentId);
    const outcome = await this.commands.execute(new SetAgentStatusCommand({
      type: 'SetAgentStatus', data: { agentId, status: body.status, reason: body.reason, reasonCode: body.reasonCode }, metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer.of(outcome);
  }
}
