import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '@app/event-store';
import { settingsOf, type PutTeamRoutingSettings, type TeamEvent, type TeamRouting } from '@app/routing-domain';
import { DeadlineSweep } from '../../offers/deadline-sweep.js';
import { RoutingState } from '../../routing-state.js';
import { TEAM_STREAMS, type TeamStreams } from '../../streams.js';

export type TeamSettingsOutcome = CommandOutcome<TeamRouting, TeamEvent>;

/** The CommandBus message wraps the pure domain command; the runner loads, decides, appends. */
export class PutTeamSettingsCommand extends Command<TeamSettingsOutcome> {
  constructor(readonly command: PutTeamRoutingSettings) { super(); }
}

/**
 * Appends the change to the team's stream, and routes by it at once in this
 * instance (other instances hear it from the store); a new grace may make
 * a re-queue due, so it sweeps.
 */
@CommandHandler(PutTeamSettingsCommand)
export class PutTeamSettingsHandler implements ICommandHandler<PutTeamSettingsCommand> {
  constructor(@Inject(TEAM_STREAMS) private readonly teams: TeamStreams, private readonly state: RoutingState, private readonly deadlines: DeadlineSweep) {}

  async execute({ command }: PutTeamSettingsCommand): Promise<TeamSettingsOutcome> {
    const outcome = await this.teams.run(command);
    this.state.view.applyTeamSettings(command.data.team, settingsOf(outcome.state));
    if (outcome.appended > 0) void this.deadlines.scheduleAll();
    return outcome;
  }
}
