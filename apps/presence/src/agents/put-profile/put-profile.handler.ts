import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PutAgentProfile } from '@app/presence-domain';
import { AGENT_STREAMS, type AgentCommandOutcome, type AgentStreams } from '../agent-streams.js';

/** The CommandBus message wraps the pure domain command; the runner loads, decides, appends. */
export class PutAgentProfileCommand extends Command<AgentCommandOutcome> {
  constructor(readonly command: PutAgentProfile) { super(); }
}

@CommandHandler(PutAgentProfileCommand)
export class PutAgentProfileHandler implements ICommandHandler<PutAgentProfileCommand> {
  constructor(@Inject(AGENT_STREAMS) private readonly agents: AgentStreams) {}
  execute({ command }: PutAgentProfileCommand): Promise<AgentCommandOutcome> { return this.agents.run(command); }
}
