import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { TEAM_STREAMS, type TeamStreams } from '../../streams.js';
import { teamSettingsAnswerOf, type TeamSettingsAnswer } from '../team-settings-answer.js';

export class GetTeamSettingsQuery extends Query<TeamSettingsAnswer> {
  constructor(readonly team: string) { super(); }
}

/** From the team's stream, not the view: the answer is the record, whatever this instance has heard. */
@QueryHandler(GetTeamSettingsQuery)
export class GetTeamSettingsHandler implements IQueryHandler<GetTeamSettingsQuery> {
  constructor(@Inject(TEAM_STREAMS) private readonly teams: TeamStreams) {}
  async execute({ team }: GetTeamSettingsQuery): Promise<TeamSettingsAnswer> {
    return teamSettingsAnswerOf(team, (await this.teams.load(team)).state);
  }
}
