import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SetAgentStatus } from '@app/presence-domain';
import { StatusReasonCatalogueReader } from '../../status-reasons/status-reason-streams.js';
import { AGENT_STREAMS, type AgentCommandOutcome, type AgentStreams } from '../agent-streams.js';

/** The CommandBus message wraps the pure domain command; the runner loads, decides, appends. */
export class SetAgentStatusCommand extends Command<AgentCommandOutcome> {
  constructor(readonly command: SetAgentStatus) { super(); }
}

@CommandHandler(SetAgentStatusCommand)
export class SetAgentStatusHandler implements ICommandHandler<SetAgentStatusCommand> {
  constructor(@Inject(AGENT_STREAMS) private readonly agents: AgentStreams, private readonly reasons: StatusReasonCatalogueReader) {}

  /** A reasonCode is checked against the catalogue first: a bad one is a 400 and appends nothing. */
  async execute({ command }: SetAgentStatusCommand): Promise<AgentCommandOutcome> {
    await this.reasons.requireUsable(command.data.reasonCode, command.data.status);
    return this.agents.run(command);
  }
}
