import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentCaller, DEFAULT_PAGE_LIMIT, NEXT_PAGE_HEADERS, announceNextPage, decodeCursor, isString, type Caller } from '@app/platform';
import type { AgentView } from '../agent-views.js';
import { ListAgentsParams } from './list-agents.dto.js';
import { ListAgentsQuery } from './list-agents.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class ListAgentsHttp {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Agents the caller may see, optionally of one team and in one status, a page at a time in agent id order' })
  @ApiResponse({ status: 200, description: 'a page of agents', headers: NEXT_PAGE_HEADERS })
  async listAgents(
    @Query() params: ListAgentsParams, @CurrentCaller() caller: Caller, @Req() request: Request, @Res({ passthrough: true }) response: Response,
  ): Promise<readonly AgentView[]> {
    const after = decodeCursor('agents', params.cursor, isString) ?? '';
    const page = await this.queries.execute(new ListAgentsQuery(caller, { team: params.team, status: params.status }, after, params.limit ?? DEFAULT_PAGE_LIMIT));
    announceNextPage(request, response, 'agents', page.lastKey);
    return page.entries;
  }
}
