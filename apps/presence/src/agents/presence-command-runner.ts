import { Inject, Injectable, Optional } from '@nestjs/common';
import { countedCommand } from '../operations/command-metrics.js';
import { Metrics } from '../operations/metrics.js';
import {
  CommandRunner, EVENT_STORE, formatPosition, type CommandOutcome, type EventStore, type LoadedStream,
} from '@app/event-store';
import {
  agentStreamId, presenceDecider, type AgentPresence, type PresenceCommand, type PresenceEvent,
} from '@app/presence-domain';

export { ConcurrencyConflictError } from '@app/event-store';

export type PresenceCommandOutcome = CommandOutcome<AgentPresence, PresenceEvent>;

/**
 * The shared command runner bound to agent streams: load, decide, append with
 * the expected revision, retry on conflict, answer a retried command id from
 * the events it already caused. Routing drives agent streams through it too.
 */
@Injectable()
export class PresenceCommandRunner {
  private readonly runner: CommandRunner<PresenceCommand, AgentPresence, PresenceEvent>;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Optional() private readonly metrics?: Metrics) {
    this.runner = new CommandRunner(store, presenceDecider);
  }

  run(command: PresenceCommand): Promise<PresenceCommandOutcome> {
    return countedCommand(this.metrics, command.type, () => this.runner.run(agentStreamId(command.data.agentId), command));
  }

  load(agentId: string): Promise<LoadedStream<AgentPresence, PresenceEvent>> {
    return this.runner.load(agentStreamId(agentId));
  }
}

export const describeOutcome = (outcome: Pick<PresenceCommandOutcome, 'appended' | 'replayed' | 'position'>) => ({
  appended: outcome.appended,
  replayed: outcome.replayed,
  position: outcome.position ? formatPosition(outcome.position) : null,
});
