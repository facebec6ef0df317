import type { Provider } from '@nestjs/common';
import type { CausedEvent, IdentifiedCommand, StreamDecider } from '@app/kernel';
import {
  CommandRunner, EVENT_STORE, RUNNER_STORAGE, runnerStorageFor,
  type CommandOutcome, type CommandRunnerOptions, type EventStore, type LoadedStream, type RunOptions, type RunnerStorage,
} from '@app/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { instrumentedStorage } from '../observability/instrumented-event-store.js';
import { countedCommand } from '../observability/command-metrics.js';
import { Metrics, type CommandCounter } from '../observability/metrics.js';

/**
 * The one command runner of every stream kind, bound to a decider: state
 * from a bounded cache or a snapshot plus the events after it, decide,
 * append with the expected revision, retry on conflict, answer a retried
 * command id from its idempotency record inside the window; each command
 * counted in the app's `<app>_commands_total`.
 */
export class StreamRunner<Command extends IdentifiedCommand, State, Event extends CausedEvent> {
  private readonly runner: CommandRunner<Command, State, Event>;

  constructor(
    store: EventStore, private readonly decider: StreamDecider<Command, State, Event>, private readonly counter?: CommandCounter,
    options?: CommandRunnerOptions,
  ) {
    this.runner = new CommandRunner(store, decider, options);
  }

  run(command: Command, options?: RunOptions): Promise<CommandOutcome<State, Event>> {
    return countedCommand(this.counter, command.type, () => this.runner.run(this.decider.streamOf(command), command, options));
  }

  /** The entity's state now, from the cache or the newest snapshot read forward; undefined revision: no stream. */
  current(entityId: string): ReturnType<CommandRunner<Command, State, Event>['current']> {
    return this.runner.current(this.decider.streamId(entityId));
  }

  /** The whole stream with every event, for callers that look through its history. */
  load(entityId: string): Promise<LoadedStream<State, Event>> {
    return this.runner.load(this.decider.streamId(entityId));
  }
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * A Nest provider of a StreamRunner for `decider` under `token`, counting
 * into `<app>_commands_total`. Its records and snapshots go to the app's
 * RUNNER_STORAGE (built from the bare store), kept for
 * IDEMPOTENCY_WINDOW_HOURS of the app's configuration.
 */
export const runnerFor = <Command extends IdentifiedCommand, State, Event extends CausedEvent>(
  token: symbol, decider: StreamDecider<Command, State, Event>, app: string,
): Provider => ({
  provide: token,
  useFactory: (store: EventStore, metrics?: Metrics, storage?: RunnerStorage, config?: AppConfig) =>
    new StreamRunner(store, decider, metrics?.commandCounter(app), {
      ...(storage ? { ledger: storage.ledger, snapshots: storage.snapshots } : {}),
      ...(config ? { idempotencyWindowMs: config.idempotencyWindowHours * HOUR_MS } : {}),
    }),
  inject: [EVENT_STORE, { token: Metrics, optional: true }, { token: RUNNER_STORAGE, optional: true }, { token: APP_CONFIG, optional: true }],
});

/**
 * The app's RUNNER_STORAGE, from the bare store (not a decorator around it):
 * records and snapshots in SQLite's side tables, or in their own
 * EventStoreDB streams; appends counted in the append latency metric.
 */
export const runnerStorageProvider = (store: EventStore): Provider => ({
  provide: RUNNER_STORAGE,
  useFactory: (metrics?: Metrics) => instrumentedStorage(runnerStorageFor(store), metrics),
  inject: [{ token: Metrics, optional: true }],
});
