import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Authorizer, CurrentCaller, DEFAULT_PAGE_LIMIT, NEXT_PAGE_HEADERS, SlugParamPipe, accessPolicy, announceNextPage, decodeCursor, type Caller,
} from '@app/platform';
import { GetQueueParams } from './get-queue.dto.js';
import { GetTeamQueueQuery, isQueueKey, type TeamQueueAnswer } from './get-queue.handler.js';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueHttp {
  constructor(private readonly queries: QueryBus, private readonly authorizer: Authorizer) {}

  @Get(':team')
  @ApiOperation({ summary: "A team's waiting conversations, highest priority first, then oldest, a page at a time" })
  @ApiResponse({ status: 200, description: 'a page of the queue', headers: NEXT_PAGE_HEADERS })
  async queue(
    @Param('team', new SlugParamPipe('team')) team: string, @Query() params: GetQueueParams, @CurrentCaller() caller: Caller,
    @Req() request: Request, @Res({ passthrough: true }) response: Response,
  ): Promise<TeamQueueAnswer> {
    this.authorizer.require(accessPolicy.readQueue(caller, team), caller, 'read the queue of', team);
    const after = decodeCursor('queue', params.cursor, isQueueKey);
    const page = await this.queries.execute(new GetTeamQueueQuery(team, after, params.limit ?? DEFAULT_PAGE_LIMIT));
    announceNextPage(request, response, 'queue', page.lastKey);
    return { team, conversations: page.entries };
  }
}
