import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Authorizer, CurrentCaller, DEFAULT_PAGE_LIMIT, InvalidRequestError, NEXT_PAGE_HEADERS, accessPolicy, announceNextPage, decodeCursor,
  isString, reportScope, type Caller,
} from '@app/platform';
import { timeInStatusCsv, type TimeInStatusQuery, type TimeInStatusRow } from '@app/presence-domain';
import { AgentTeams } from '../../agents/agent-teams.js';
import { TimeInStatusParams } from './time-in-status.dto.js';
import { GetTimeInStatusQuery } from './time-in-status.handler.js';

const CSV = 'text/csv';

/** `from`/`to` as instants, `to` not before `from`. */
const rangeOf = (params: TimeInStatusParams): { from: Date; to: Date } => {
  const from = new Date(params.from);
  const to = new Date(params.to);
  if (from > to) throw new InvalidRequestError([{ field: 'to', message: 'to must not be before from' }]);
  return { from, to };
};

/** `time-in-status_2026-03-02T08-00-00.000Z_2026-03-03T08-00-00.000Z.csv`: a name every file system takes. */
const fileName = (from: Date, to: Date): string =>
  `time-in-status_${from.toISOString()}_${to.toISOString()}.csv`.replace(/:/g, '-');

@ApiTags('reports')
@Controller('v1/reports')
export class TimeInStatusHttp {
  constructor(private readonly queries: QueryBus, private readonly teams: AgentTeams, private readonly authorizer: Authorizer) {}

  @Get('time-in-status')
  @ApiOperation({
    summary: 'Per agent over [from, to): seconds online, away and offline, seconds per reason code, occupancy, conversations '
      + 'assigned and closed, offers missed and declined, overrides received. JSON a page at a time, or every row as CSV with Accept: text/csv',
  })
  @ApiProduces('application/json', CSV)
  @ApiResponse({ status: 200, description: 'one row per agent, by agent id', headers: NEXT_PAGE_HEADERS })
  @ApiResponse({ status: 503, description: 'the report is still reading the log up to this request (after a start); try again' })
  async timeInStatus(
    @Query() params: TimeInStatusParams, @CurrentCaller() caller: Caller, @Req() request: Request, @Res({ passthrough: true }) response: Response,
  ): Promise<readonly TimeInStatusRow[] | string> {
    const { from, to } = rangeOf(params);
    const target = params.agentId ?? params.team ?? 'every team';
    this.authorizer.require(accessPolicy.readReport(caller, params.team, undefined), caller, 'report on', target);
    if (params.agentId !== undefined) {
      this.authorizer.require(accessPolicy.readReport(caller, params.team, this.teams.known(caller, params.agentId)), caller, 'report on', target);
    }
    const query: TimeInStatusQuery = { from, to, now: new Date(), team: params.team, agentId: params.agentId, teams: reportScope(caller) };
    if (request.accepts(['application/json', CSV]) === CSV) {
      const { entries } = await this.queries.execute(new GetTimeInStatusQuery(query));
      response.type(CSV).setHeader('Content-Disposition', `attachment; filename="${fileName(from, to)}"`);
      return timeInStatusCsv(entries);
    }
    const after = decodeCursor('time-in-status', params.cursor, isString);
    const page = await this.queries.execute(new GetTimeInStatusQuery(query, after, params.limit ?? DEFAULT_PAGE_LIMIT));
    announceNextPage(request, response, 'time-in-status', page.lastKey);
    return page.entries;
  }
}
