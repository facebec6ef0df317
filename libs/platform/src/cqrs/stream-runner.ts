import type { Provider } from '@nestjs/common';
import type { CausedEvent, IdentifiedCommand, StreamDecider } from '@app/kernel';
import {
  CommandRunner, EVENT_STORE, type CommandOutcome, type EventStore, type LoadedStream, type RunOptions,
} from '@app/event-store';
import { countedCommand } from '../observability/command-metrics.js';
import { Metrics, type CommandCounter } from '../observability/metrics.js';

/**
 * The one command runner of every stream kind, bound to a decider: load,
 * decide, append with the expected revision, retry on conflict, answer a
 * retried command id from the events it already caused; each command counted
 * in the app's `<app>_commands_total`.
 */
export class StreamRunner<Command extends IdentifiedCommand, State, Event extends CausedEvent> {
  private readonly runner: CommandRunner<Command, State, Event>;

  constructor(store: EventStore, private readonly decider: StreamDecider<Command, State, Event>, private readonly counter?: CommandCounter) {
    this.runner = new CommandRunner(store, decider);
  }

  run(command: Command, options?: RunOptions): Promise<CommandOutcome<State, Event>> {
    return countedCommand(this.counter, command.type, () => this.runner.run(this.decider.streamOf(command), command, options));
  }

  load(entityId: string): Promise<LoadedStream<State, Event>> {
    return this.runner.load(this.decider.streamId(entityId));
  }
}

/** A Nest provider of a StreamRunner for `decider` under `token`, counting into `<app>_commands_total`. */
export const runnerFor = <Command extends IdentifiedCommand, State, Event extends CausedEvent>(
  token: symbol, decider: StreamDecider<Command, State, Event>, app: string,
): Provider => ({
  provide: token,
  useFactory: (store: EventStore, metrics?: Metrics) => new StreamRunner(store, decider, metrics?.commandCounter(app)),
  inject: [EVENT_STORE, { token: Metrics, optional: true }],
});
