import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, SlugParamPipe, accessPolicy, type Caller } from '@app/platform';
import type { TeamStats } from '@app/routing-domain';
import { GetTeamStatsQuery } from './team-stats.handler.js';

@ApiTags('teams')
@Controller('v1/teams')
export class TeamStatsHttp {
  constructor(private readonly queries: QueryBus, private readonly authorizer: Authorizer) {}

  @Get(':team/stats')
  @ApiOperation({
    summary: "A team's live numbers: agents by status and connected; conversations queued, the oldest wait, assigned now; over the last "
      + '15 minutes: conversations offered and assigned, median and 90th-percentile wait, service level (share assigned within SERVICE_LEVEL_SECONDS)',
  })
  async stats(@Param('team', new SlugParamPipe('team')) team: string, @CurrentCaller() caller: Caller): Promise<TeamStats> {
    this.authorizer.require(accessPolicy.readTeamStats(caller, team), caller, 'read the numbers of', team);
    return this.queries.execute(new GetTeamStatsQuery(team, new Date()));
  }
}
