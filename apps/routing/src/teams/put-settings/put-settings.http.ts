import { Body, Controller, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  Authorizer, CurrentCaller, SlugParamPipe, accessPolicy, actorOf, commandMetadata, describeOutcome, type Caller, type CommandDescription,
} from '@app/platform';
import { teamSettingsAnswerOf, type TeamSettingsAnswer } from '../team-settings-answer.js';
import { PutTeamSettingsBody } from './put-settings.dto.js';
import { PutTeamSettingsCommand } from './put-settings.handler.js';

export type TeamSettingsResponse = TeamSettingsAnswer & { readonly command: CommandDescription };

@ApiTags('teams')
@Controller('v1/teams')
export class PutTeamSettingsHttp {
  constructor(private readonly commands: CommandBus, private readonly authorizer: Authorizer) {}

  @Put(':team')
  @ApiOperation({ summary: "Replace a team's routing settings (omitted fields take their defaults); an event on the team-<team> stream" })
  async put(
    @Param('team', new SlugParamPipe('team')) team: string, @Body() body: PutTeamSettingsBody, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<TeamSettingsResponse> {
    this.authorizer.require(accessPolicy.configureTeam(caller, team), caller, 'configure routing of', `team ${team}`);
    const outcome = await this.commands.execute(new PutTeamSettingsCommand({
      type: 'PutTeamRoutingSettings',
      data: {
        team, routingMode: body.routingMode, offerTimeoutSeconds: body.offerTimeoutSeconds,
        missedOffersBeforeAway: body.missedOffersBeforeAway, reassignAfterSeconds: body.reassignAfterSeconds,
      },
      metadata: commandMetadata(request, actorOf(caller)),
    }));
    return { ...teamSettingsAnswerOf(team, outcome.state), command: describeOutcome(outcome) };
  }
}
