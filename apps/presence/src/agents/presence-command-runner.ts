import { Inject, Injectable, Optional } from '@nestjs/common';
import { countedCommand } from '../operations/command-metrics.js';
import { Metrics } from '../operations/metrics.js';
import {
  CommandRunner, EVENT_STORE, RUNNER_STORAGE, formatPosition, type RunnerStorage, type CommandOutcome, type EventStore, type LoadedStream, type RunOptions,
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

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Optional() private readonly metrics?: Metrics,
    @Optional() @Inject(RUNNER_STORAGE) storage?: RunnerStorage,
  ) {
    this.runner = new CommandRunner(store, presenceDecider, storage);
  }

  run(command: PresenceCommand, options?: RunOptions): Promise<PresenceCommandOutcome> {
    return countedCommand(this.metrics, command.type, () => this.runner.run(agentStreamId(command.data.agentId), command, options));
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
