import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OverrideAgentStatus, PutAgentProfile, SetAgentStatus } from '@app/presence-domain';
import { PresenceCommandRunner, type PresenceCommandOutcome } from './presence-command-runner.js';

/* The CommandBus messages wrap the pure domain commands; handlers stay one line: the runner loads, decides, appends. */

export class PutAgentProfileCommand extends Command<PresenceCommandOutcome> {
  constructor(readonly command: PutAgentProfile) { super(); }
}

export class SetAgentStatusCommand extends Command<PresenceCommandOutcome> {
  constructor(readonly command: SetAgentStatus) { super(); }
}

export class OverrideAgentStatusCommand extends Command<PresenceCommandOutcome> {
  constructor(readonly command: OverrideAgentStatus) { super(); }
}

@CommandHandler(PutAgentProfileCommand)
export class PutAgentProfileHandler implements ICommandHandler<PutAgentProfileCommand> {
  constructor(private readonly runner: PresenceCommandRunner) {}
  execute({ command }: PutAgentProfileCommand): Promise<PresenceCommandOutcome> { return this.runner.run(command); }
}

@CommandHandler(SetAgentStatusCommand)
export class SetAgentStatusHandler implements ICommandHandler<SetAgentStatusCommand> {
  constructor(private readonly runner: PresenceCommandRunner) {}
  execute({ command }: SetAgentStatusCommand): Promise<PresenceCommandOutcome> { return this.runner.run(command); }
}

@CommandHandler(OverrideAgentStatusCommand)
export class OverrideAgentStatusHandler implements ICommandHandler<OverrideAgentStatusCommand> {
  constructor(private readonly runner: PresenceCommandRunner) {}
  execute({ command }: OverrideAgentStatusCommand): Promise<PresenceCommandOutcome> { return this.runner.run(command); }
}

export const PRESENCE_COMMAND_HANDLERS = [PutAgentProfileHandler, SetAgentStatusHandler, OverrideAgentStatusHandler];
