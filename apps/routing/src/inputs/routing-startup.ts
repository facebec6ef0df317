import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueDrain } from '../assignment/queue-drain.js';
import { RoutingState } from '../routing-state.js';
import { SerialWork } from '../assignment/serial-work.js';
import { StrandedAssignmentRecovery } from '../assignment/stranded-assignment-recovery.js';
import { DeadlineSweep } from '../offers/deadline-sweep.js';
import { DeadlineTimer } from '../offers/deadline-timer.js';
import { StrandedOfferRecovery } from '../offers/stranded-offer-recovery.js';
import { AvailabilityConsumer } from './availability-consumer.js';
import { ConversationSubscription } from './conversation-subscription.js';
import { TeamSettingsSubscription } from './team-settings-subscription.js';

/**
 * Starts the inputs and, as the first piece of routing work, waits until
 * all have caught up, finishes assignments and offers a crash left half
 * done, does what fell due while no routing ran (offers that expired,
 * graces that ran out: each once, whichever instance gets there first) and
 * drains the queues. Requests queue behind it, so nothing routes on a
 * half-built view; the app listens meanwhile and health says "starting".
 */
@Injectable()
export class RoutingStartup implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RoutingStartup.name);
  private failure: Error | undefined;
  /** Resolves once routing is ready (or has failed to start; see `error`). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: RoutingState,
    private readonly conversations: ConversationSubscription,
    private readonly availability: AvailabilityConsumer,
    private readonly teams: TeamSettingsSubscription,
    private readonly recovery: StrandedAssignmentRecovery,
    private readonly offerRecovery: StrandedOfferRecovery,
    private readonly deadlines: DeadlineSweep,
    private readonly timer: DeadlineTimer,
    private readonly drain: QueueDrain,
    private readonly work: SerialWork,
  ) {}

  get error(): string | null {
    return this.failure?.message ?? null;
  }

  onApplicationBootstrap(): void {
    this.ready = this.work.run(() => this.catchUp()).catch((error: Error) => {
      this.failure = error;
      this.logger.error(`routing failed to start: ${error.message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.timer.stop();
    await Promise.all([this.conversations.input.stop(), this.availability.input.stop(), this.teams.input.stop()]);
    this.conversations.waiters.cancelAll();
    await this.work.idle();
  }

  private async catchUp(): Promise<void> {
    await Promise.all([this.conversations.input.start(), this.availability.input.start(), this.teams.input.start()]);
    this.state.caughtUp = true;
    for (const agentId of this.state.view.agentIds()) {
      await this.recovery.recover(agentId);
      await this.offerRecovery.recover(agentId);
    }
    await this.deadlines.sweepAll();
    await this.drain.drain([...this.state.view.drainableTeams()]);
  }
}
