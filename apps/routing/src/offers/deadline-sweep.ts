import { Injectable, Logger } from '@nestjs/common';
import { dueAt, dueForAgent, graceDeadline, nextDeadline, type DueWork } from '@app/routing-domain';
import { QueueDrain } from '../assignment/queue-drain.js';
import { SerialWork } from '../assignment/serial-work.js';
import { RoutingClock } from '../routing-clock.js';
import { RoutingState } from '../routing-state.js';
import { DeadlineTimer, SOONEST_WAKE_MS } from './deadline-timer.js';
import { GraceRequeue } from './grace-requeue.js';
import { OfferEndings } from './offer-endings.js';

/** After a sweep failed (the store down), the next one waits this long. */
const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Does the work deadlines and departures make due: expire offers past their
 * deadline, rescind offers of agents who left, re-queue conversations of
 * agents absent past their team's grace. What is due is read from the view
 * (`dueAt`, pure), whose deadlines come from the events, so a restarted
 * process finds the same work, and each piece is guarded by a revision, so
 * two instances sweeping the same view do it once.
 */
@Injectable()
export class DeadlineSweep {
  private readonly logger = new Logger(DeadlineSweep.name);

  constructor(
    private readonly state: RoutingState,
    private readonly endings: OfferEndings,
    private readonly requeues: GraceRequeue,
    private readonly drain: QueueDrain,
    private readonly work: SerialWork,
    private readonly timer: DeadlineTimer,
    private readonly clock: RoutingClock,
  ) {
    timer.onWake(() => void this.schedule());
  }

  /** A sweep in SerialWork, after what is queued; resolves when it ran (failures are logged, and retried later). */
  schedule(): Promise<void> {
    return this.work.run(() => this.sweep()).catch((error: Error) => {
      this.logger.error(`deadline sweep failed: ${error.message}`);
      this.timer.wakeBy(this.clock.now().getTime(), RETRY_AFTER_FAILURE_MS);
    });
  }

  /** Everything due now, then the timer set for the next deadline. Call inside SerialWork. */
  async sweep(): Promise<void> {
    this.timer.reset();
    try {
      await this.perform(dueAt(this.state.view, this.clock.now()));
    } finally {
      this.timer.wakeBy(nextDeadline(this.state.view), SOONEST_WAKE_MS);
    }
  }

  /** After an agent's availability message: its rescinds and re-queues now, its grace deadlines on the timer; at that agent's cost. */
  agentChanged(agentId: string): void {
    this.work.run(async () => {
      const view = this.state.view;
      await this.perform(dueForAgent(view, agentId, this.clock.now()));
      for (const conversationId of view.agent(agentId)?.openConversations ?? []) {
        const held = view.heldConversation(conversationId);
        if (held?.agentId === agentId) this.timer.wakeBy(graceDeadline(view, held), SOONEST_WAKE_MS);
      }
    }).catch((error: Error) => this.logger.error(`deadlines of ${agentId} failed: ${error.message}`));
  }

  /** Does each piece, one failure not stopping the others; a failed piece is tried again a little later. */
  private async perform(due: readonly DueWork[]): Promise<void> {
    const teams = new Set<string>();
    for (const work of due) {
      try {
        const team = await this.performOne(work);
        if (team) teams.add(team);
      } catch (error) {
        this.logger.error(`${work.kind} of ${work.conversationId} failed: ${(error as Error).message}`);
        this.timer.wakeBy(this.clock.now().getTime(), RETRY_AFTER_FAILURE_MS);
      }
    }
    await this.drain.drain(teams);
  }

  /** Returns the team whose queue got a conversation back. */
  private async performOne(work: DueWork): Promise<string | undefined> {
    switch (work.kind) {
      case 'expire-offer':
      case 'rescind-offer':
        await this.endings.end(work);
        return undefined;
      case 'requeue':
        return this.requeues.requeue(work);
      default: {
        const unhandled: never = work;
        throw new Error(`unhandled work ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
