import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { PositionWaiters, checkpointedSubscriber, type RestartingInput } from '@app/platform';
import { AGENT_STREAM_PREFIX, upcastPresenceEvent } from '@app/presence-domain';
import { PRESENCE_CONFIG, type PresenceConfig } from '../presence-config.js';
import type { AgentAvailability } from './agent-availability.js';
import { AvailabilityReadModel } from './availability-read-model.js';

/** Events per read-model transaction while catching up; a burst's batch commits as soon as the log pauses. */
const BATCH_SIZE = 1000;

/**
 * Keeps the availability read model up to date from the event log, starting
 * at the read model's own checkpoint. Commands wait on it (read-your-writes).
 */
@Injectable()
export class AvailabilityProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly input: RestartingInput;
  private position: GlobalPosition | undefined;
  private readonly waiters = new PositionWaiters(() => this.position);
  private sinceSnapshot = 0;
  private inBatch = 0;
  private commitTimer: NodeJS.Immediate | undefined;
  private readonly listeners: ((agent: AgentAvailability) => void)[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: AvailabilityReadModel,
    @Inject(PRESENCE_CONFIG) private readonly config: Pick<PresenceConfig, 'floorSnapshotEvery'>,
  ) {
    // A failed apply or commit (disk full, read-only folder) is rolled back with its checkpoint, so restarting from the stored one loses nothing.
    this.input = checkpointedSubscriber(store, {
      name: 'availability projection',
      streamPrefixes: [AGENT_STREAM_PREFIX],
      checkpoint: () => (this.position = this.readModel.checkpoint()),
      handle: (recorded) => this.project(recorded),
    }, new Logger(AvailabilityProjection.name), { restartDelayMs: 1000, beforeRestart: () => this.rollback() });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.input.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.input.stop();
    if (this.commitTimer) clearImmediate(this.commitTimer);
    this.commitTimer = undefined;
    this.commitBatch();
    this.waiters.cancelAll();
  }

  /** Position of the last event the read model reflects. */
  get checkpoint(): GlobalPosition | undefined {
    return this.position;
  }

  get error(): Error | undefined {
    return this.input.error;
  }

  /** Resolves true once the read model reflects `position`, false after `timeoutMs`. */
  waitFor(position: GlobalPosition | undefined, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  /**
   * Calls `listener` with every agent the projection updates, right after it
   * applied the event (connection tracking watches statuses this way). A
   * rolled-back batch is applied again, so a listener may see an agent's
   * revision twice: it must keep the highest.
   */
  onApplied(listener: (agent: AgentAvailability) => void): void {
    this.listeners.push(listener);
  }

  /** Drops the read model and replays the whole log into it. */
  async rebuild(): Promise<void> {
    await this.input.stop();
    this.commitBatch();
    this.readModel.reset();
    await this.input.start();
  }

  /** Commits once the subscription has nothing more to hand over right now. */
  private commitSoon(): void {
    this.commitTimer ??= setImmediate(() => {
      this.commitTimer = undefined;
      try {
        this.commitBatch();
      } catch (error) {
        void this.input.fail(error as Error);
      }
    });
  }

  private commitBatch(): void {
    this.readModel.commitBatch();
    this.inBatch = 0;
  }

  private rollback(): void {
    this.readModel.rollbackBatch();
    this.inBatch = 0;
  }

  private project(recorded: RecordedEvent): void {
    const event = upcastPresenceEvent(recorded);
    if (event) {
      this.readModel.beginBatch();
      this.readModel.apply(event, recorded.revision, recorded.position);
      if (this.listeners.length > 0) {
        const agent = this.readModel.get(event.data.agentId);
        if (agent) for (const listener of this.listeners) listener(agent);
      }
      if (++this.inBatch >= BATCH_SIZE) this.commitBatch();
      else this.commitSoon();
      if (++this.sinceSnapshot >= this.config.floorSnapshotEvery) {
        this.readModel.snapshotFloor();
        this.sinceSnapshot = 0;
      }
    }
    this.position = recorded.position;
    this.waiters.advance();
  }
}
