import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '@app/event-store';
import type { PutStatusReason, StatusReasonCatalogue, StatusReasonEvent } from '@app/presence-domain';
import { STATUS_REASON_STREAMS, type StatusReasonStreams } from '../status-reason-streams.js';

export type StatusReasonOutcome = CommandOutcome<StatusReasonCatalogue, StatusReasonEvent>;

/** The CommandBus message wraps the pure domain command; the runner loads, decides, appends. */
export class PutStatusReasonCommand extends Command<StatusReasonOutcome> {
  constructor(readonly command: PutStatusReason) { super(); }
}

@CommandHandler(PutStatusReasonCommand)
export class PutStatusReasonHandler implements ICommandHandler<PutStatusReasonCommand> {
  constructor(@Inject(STATUS_REASON_STREAMS) private readonly reasons: StatusReasonStreams) {}
  execute({ command }: PutStatusReasonCommand): Promise<StatusReasonOutcome> { return this.reasons.run(command); }
}
