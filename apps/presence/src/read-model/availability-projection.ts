import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, isAfter, type EventStore, type GlobalPosition, type RecordedEvent, type Subscription } from '@app/event-store';
import { AGENT_STREAM_PREFIX, upcastPresenceEvent } from '@app/presence-domain';
import { PRESENCE_CONFIG, type PresenceConfig } from '../config/presence-config.js';
import { AvailabilityReadModel } from './availability-read-model.js';

const RESTART_DELAY_MS = 1000;
/** Events per read-model transaction while catching up; a burst's batch commits as soon as the log pauses. */
const BATCH_SIZE = 1000;

interface Waiter {
  readonly position: GlobalPosition;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Keeps the availability read model up to date from the event log, starting
 * at the read model's own checkpoint. Commands wait on it (read-your-writes).
 */
@Injectable()
export class AvailabilityProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AvailabilityProjection.name);
  private subscription: Subscription | undefined;
  private position: GlobalPosition | undefined;
  private waiters: Waiter[] = [];
  private failure: Error | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private sinceSnapshot = 0;
  private inBatch = 0;
  private commitTimer: NodeJS.Immediate | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: AvailabilityReadModel,
    @Inject(PRESENCE_CONFIG) private readonly config: Pick<PresenceConfig, 'floorSnapshotEvery'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.start();
    await this.subscription?.caughtUp;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.subscription?.stop();
    if (this.commitTimer) clearImmediate(this.commitTimer);
    this.commitTimer = undefined;
    this.commitBatch();
    for (const waiter of this.waiters) this.settle(waiter, false);
  }

  /** Position of the last event the read model reflects. */
  get checkpoint(): GlobalPosition | undefined {
    return this.position;
  }

  get error(): Error | undefined {
    return this.failure;
  }

  /** Resolves true once the read model reflects `position`, false after `timeoutMs`. */
  waitFor(position: GlobalPosition | undefined, timeoutMs: number): Promise<boolean> {
    if (position === undefined || !isAfter(position, this.position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve, timer: setTimeout(() => this.settle(waiter, false), timeoutMs) };
      this.waiters.push(waiter);
    });
  }

  /** Drops the read model and replays the whole log into it. */
  async rebuild(): Promise<void> {
    await this.subscription?.stop();
    this.commitBatch();
    this.readModel.reset();
    this.start();
    await this.subscription?.caughtUp;
  }

  private start(): void {
    this.position = this.readModel.checkpoint();
    this.failure = undefined;
    this.subscription = this.store.subscribeToAll(
      (recorded) => this.project(recorded),
      { after: this.position, streamPrefixes: [AGENT_STREAM_PREFIX] },
      { onError: (error) => {
        this.readModel.rollbackBatch();
        this.inBatch = 0;
        this.failure = error;
        this.logger.error(`availability projection stopped at ${String(this.position?.commit)}: ${error.message}; restarting from its checkpoint`);
        this.scheduleRestart();
      } },
    );
  }

  /** Commits once the subscription has nothing more to hand over right now. */
  private commitSoon(): void {
    this.commitTimer ??= setImmediate(() => {
      this.commitTimer = undefined;
      try {
        this.commitBatch();
      } catch (error) {
        void this.failed(error as Error);
      }
    });
  }

  private commitBatch(): void {
    this.readModel.commitBatch();
    this.inBatch = 0;
  }

  /** A failed batch is rolled back with its checkpoint; the subscription restarts from the stored one. */
  private async failed(error: Error): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    this.readModel.rollbackBatch();
    this.inBatch = 0;
    this.failure = error;
    this.logger.error(`availability projection failed to commit: ${error.message}; restarting from its checkpoint`);
    this.scheduleRestart();
  }

  /**
   * A failed apply (disk full, read-only folder) rolled back with its
   * checkpoint, so restarting from the stored checkpoint loses nothing.
   */
  private scheduleRestart(): void {
    if (this.stopped) return;
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.subscription = undefined;
      this.start();
      void this.subscription!.caughtUp.then(() => { this.failure = undefined; }, () => undefined);
    }, RESTART_DELAY_MS);
  }

  private project(recorded: RecordedEvent): void {
    const event = upcastPresenceEvent(recorded);
    if (event) {
      this.readModel.beginBatch();
      this.readModel.apply(event, recorded.revision, recorded.position);
      if (++this.inBatch >= BATCH_SIZE) this.commitBatch();
      else this.commitSoon();
      if (++this.sinceSnapshot >= this.config.floorSnapshotEvery) {
        this.readModel.snapshotFloor();
        this.sinceSnapshot = 0;
      }
    }
    this.position = recorded.position;
    // Nobody waits during a rebuild: no array per event then.
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((w) => !isAfter(w.position, this.position));
    for (const waiter of reached) this.settle(waiter, true);
  }

  private settle(waiter: Waiter, reached: boolean): void {
    clearTimeout(waiter.timer);
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.resolve(reached);
  }
}
