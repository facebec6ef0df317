import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { dueAt, dueForAgent, graceDeadline, nextDeadline, type DueWork } from '@app/routing-domain';
import { QueueDrain } from '../assignment/queue-drain.js';
import { RoutingState } from '../routing-state.js';
import { SerialWork } from '../assignment/serial-work.js';
import { OfferRouting, ROUTING_CLOCK, type RoutingClock } from './offer-routing.js';

/** setTimeout's longest delay; a later deadline is reached by waking and sleeping again. */
const LONGEST_SLEEP_MS = 2 ** 31 - 1;

/**
 * DRAFT, not wired yet. One timer for every deadline. The deadlines are in
 * the events (an offer's expiry, an agent's unavailability plus the team's
 * grace), so after a restart `sweep` (called once inputs caught up) finds
 * what fell due meanwhile; the work itself is guarded by revisions, so two
 * instances sweeping the same view do each piece once.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private wakeAt: number | undefined;

  constructor(
    private readonly state: RoutingState,
    private readonly offers: OfferRouting,
    private readonly drain: QueueDrain,
    private readonly work: SerialWork,
    @Optional() @Inject(ROUTING_CLOCK) private readonly clock: RoutingClock = () => new Date(),
  ) {}

  /** Everything due now, then sleep until the next deadline. Runs in SerialWork after what is queued. */
  sweep(): Promise<void> {
    return this.work.run(async () => {
      await this.perform(dueAt(this.state.view, this.clock()));
      this.wakeAt = undefined;
      this.wakeBy(nextDeadline(this.state.view));
    });
  }

  /** After an agent's availability message: its rescinds and re-queues now, and its grace deadlines on the timer; at that agent's cost. */
  agentChanged(agentId: string): Promise<void> {
    return this.work.run(async () => {
      const view = this.state.view;
      await this.perform(dueForAgent(view, agentId, this.clock()));
      for (const conversationId of view.agent(agentId)?.openConversations ?? []) {
        const held = view.heldConversation(conversationId);
        if (held?.agentId === agentId) this.wakeBy(graceDeadline(view, held));
      }
    });
  }

  /** Makes sure the timer fires by `deadline` (ms since the epoch): after each new offer, its expiry. */
  wakeBy(deadline: number | undefined): void {
    if (deadline === undefined || (this.wakeAt !== undefined && this.wakeAt <= deadline)) return;
    clearTimeout(this.timer);
    this.wakeAt = deadline;
    this.timer = setTimeout(() => {
      this.sweep().catch((error: Error) => this.logger.error(`deadline sweep failed: ${error.message}`));
    }, Math.min(LONGEST_SLEEP_MS, Math.max(0, deadline - this.clock().getTime())));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  private async perform(due: readonly DueWork[]): Promise<void> {
    const teams = new Set<string>();
    for (const work of due) {
      switch (work.kind) {
        case 'expire-offer':
        case 'rescind-offer':
          await this.offers.end(work);
          break;
        case 'requeue': {
          const team = await this.offers.requeue(work);
          if (team) teams.add(team);
          break;
        }
        default: {
          const unhandled: never = work;
          throw new Error(`unhandled work ${JSON.stringify(unhandled)}`);
        }
      }
    }
    await this.drain.drain(teams);
  }
}
