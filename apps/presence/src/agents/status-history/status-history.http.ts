import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, InvalidRequestError, accessPolicy, type Caller } from '@app/platform';
import type { StatusHistoryEntry } from '@app/presence-domain';
import { agentIdPipe } from '../agent-http.js';
import { AgentTeams } from '../agent-teams.js';
import { HistoryRangeParams } from './status-history.dto.js';
import { GetStatusHistoryQuery } from './status-history.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class StatusHistoryHttp {
  constructor(private readonly queries: QueryBus, private readonly teams: AgentTeams, private readonly authorizer: Authorizer) {}

  @Get(':agentId/status-history')
  @ApiOperation({ summary: 'Every status change of the agent in [from, to), replayed from the event store' })
  statusHistory(
    @Param('agentId', agentIdPipe) agentId: string, @Query() params: HistoryRangeParams, @CurrentCaller() caller: Caller,
  ): Promise<StatusHistoryEntry[]> {
    const from = params.from === undefined ? undefined : new Date(params.from);
    const to = params.to === undefined ? undefined : new Date(params.to);
    if (from && to && from > to) throw new InvalidRequestError([{ field: 'to', message: 'to must not be before from' }]);
    this.authorizer.require(accessPolicy.readHistory(caller, agentId, this.teams.known(caller, agentId)), caller, 'read the history of', agentId);
    return this.queries.execute(new GetStatusHistoryQuery(agentId, { from, to }));
  }
}
