import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, accessPolicy, type Caller } from '@app/platform';
import { agentIdPipe } from '../agent-http.js';
import { AgentTeams } from '../agent-teams.js';
import type { AgentView } from '../agent-views.js';
import { GetAgentQuery } from './get-agent.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class GetAgentHttp {
  constructor(private readonly queries: QueryBus, private readonly teams: AgentTeams, private readonly authorizer: Authorizer) {}

  @Get(':agentId')
  @ApiOperation({ summary: "The agent's current availability, the reason code behind it with its label, and whether its console is connected" })
  getAgent(@Param('agentId', agentIdPipe) agentId: string, @CurrentCaller() caller: Caller): Promise<AgentView> {
    this.authorizer.require(accessPolicy.readAgent(caller, agentId, this.teams.known(caller, agentId)), caller, 'read', agentId);
    return this.queries.execute(new GetAgentQuery(agentId));
  }
}
