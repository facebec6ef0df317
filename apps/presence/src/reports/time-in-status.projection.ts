import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { PositionWaiters, checkpointedSubscriber, reachStoreHead, type RestartingInput } from '@app/platform';
import {
  AGENT_STREAM_PREFIX, TimeInStatusProjection, timeInStatusFactOf, type ReportPage, type TimeInStatusQuery, type TimeInStatusRow,
} from '@app/presence-domain';

/**
 * The time-in-status read model, kept up to date from the log: every agent
 * stream event, once, in log order, into per-agent interval sets that
 * answer any range without a replay. It lives in memory, so its checkpoint
 * does too: a start reads the log from the beginning (in the background;
 * reports wait or answer 503 until it has caught up), and a restart after
 * an error reads on from the last event applied.
 */
@Injectable()
export class TimeInStatusReadModel implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimeInStatusReadModel.name);
  private readonly input: RestartingInput;
  private readonly projection = new TimeInStatusProjection();
  private applied: GlobalPosition | undefined;
  readonly waiters = new PositionWaiters(() => this.applied);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.input = checkpointedSubscriber(store, {
      name: 'time-in-status projection',
      streamPrefixes: [AGENT_STREAM_PREFIX],
      checkpoint: () => this.applied,
      handle: (recorded) => this.apply(recorded),
    }, this.logger);
  }

  onApplicationBootstrap(): void {
    // Not awaited: a long log must not hold up the start; reports wait for it instead.
    this.input.start().catch((error: Error) => this.logger.error(`time-in-status projection failed to start: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.input.stop();
    this.waiters.cancelAll();
  }

  /** Position of the last agent event applied. */
  get position(): GlobalPosition | undefined {
    return this.applied;
  }

  get agentCount(): number {
    return this.projection.agentCount;
  }

  /** True once every agent event the store held now is applied; false if that takes longer than `timeoutMs`. */
  current(timeoutMs: number): Promise<boolean> {
    return reachStoreHead(this.store, [AGENT_STREAM_PREFIX], this, timeoutMs);
  }

  report(query: TimeInStatusQuery, page?: ReportPage): TimeInStatusRow[] {
    return this.projection.report(query, page);
  }

  private apply(recorded: RecordedEvent): void {
    const fact = timeInStatusFactOf(recorded);
    if (fact) this.projection.apply(fact);
    this.applied = recorded.position;
    this.waiters.advance();
  }
}
