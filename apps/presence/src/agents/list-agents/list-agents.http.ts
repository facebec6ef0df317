import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, accessPolicy, type Caller } from '@app/platform';
import type { AgentAvailability } from '../../read-model/agent-availability.js';
import { ListAgentsParams } from './list-agents.dto.js';
import { ListAgentsQuery } from './list-agents.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class ListAgentsHttp {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Agents the caller may see, optionally of one team and in one status' })
  async listAgents(@Query() params: ListAgentsParams, @CurrentCaller() caller: Caller): Promise<AgentAvailability[]> {
    const agents = await this.queries.execute(new ListAgentsQuery({ team: params.team, status: params.status }));
    return agents.filter((agent) => accessPolicy.seesAgent(caller, agent.agentId, agent.teams));
  }
}
