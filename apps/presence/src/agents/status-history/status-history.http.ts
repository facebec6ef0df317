import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Authorizer, CurrentCaller, DEFAULT_PAGE_LIMIT, InvalidRequestError, NEXT_PAGE_HEADERS, accessPolicy, announceNextPage, decodeCursor,
  isInteger, type Caller,
} from '@app/platform';
import { agentIdPipe } from '../agent-http.js';
import { AgentTeams } from '../agent-teams.js';
import { HistoryRangeParams } from './status-history.dto.js';
import { GetStatusHistoryQuery, type StatusHistoryView } from './status-history.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class StatusHistoryHttp {
  constructor(private readonly queries: QueryBus, private readonly teams: AgentTeams, private readonly authorizer: Authorizer) {}

  @Get(':agentId/status-history')
  @ApiOperation({ summary: 'Every status change of the agent in [from, to), replayed from the event store, a page at a time' })
  @ApiResponse({ status: 200, description: 'a page of status changes, oldest first', headers: NEXT_PAGE_HEADERS })
  async statusHistory(
    @Param('agentId', agentIdPipe) agentId: string, @Query() params: HistoryRangeParams, @CurrentCaller() caller: Caller,
    @Req() request: Request, @Res({ passthrough: true }) response: Response,
  ): Promise<readonly StatusHistoryView[]> {
    const from = params.from === undefined ? undefined : new Date(params.from);
    const to = params.to === undefined ? undefined : new Date(params.to);
    if (from && to && from > to) throw new InvalidRequestError([{ field: 'to', message: 'to must not be before from' }]);
    this.authorizer.require(accessPolicy.readHistory(caller, agentId, this.teams.known(caller, agentId)), caller, 'read the history of', agentId);
    const after = decodeCursor('status-history', params.cursor, isInteger) ?? -1;
    const page = await this.queries.execute(new GetStatusHistoryQuery(agentId, { from, to }, after, params.limit ?? DEFAULT_PAGE_LIMIT));
    announceNextPage(request, response, 'status-history', page.lastKey);
    return page.entries;
  }
}
