import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, SlugParamPipe, accessPolicy, type Caller } from '@app/platform';
import type { TeamSettingsAnswer } from '../team-settings-answer.js';
import { GetTeamSettingsQuery } from './get-settings.handler.js';

@ApiTags('teams')
@Controller('v1/teams')
export class GetTeamSettingsHttp {
  constructor(private readonly queries: QueryBus, private readonly authorizer: Authorizer) {}

  @Get(':team')
  @ApiOperation({ summary: "A team's routing settings: auto-assign or offer, offer timeout, missed offers before away, grace before re-queueing" })
  async get(@Param('team', new SlugParamPipe('team')) team: string, @CurrentCaller() caller: Caller): Promise<TeamSettingsAnswer> {
    this.authorizer.require(accessPolicy.readTeamSettings(caller, team), caller, 'read routing of', `team ${team}`);
    return this.queries.execute(new GetTeamSettingsQuery(team));
  }
}
