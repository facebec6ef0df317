import { Injectable, Logger } from '@nestjs/common';
import { deadlinesIn, dueAt, dueFor, dueForAgent, graceDeadline, type DueWork } from '@app/routing-domain';
import { QueueDrain } from '../assignment/queue-drain.js';
import { SerialWork } from '../assignment/serial-work.js';
import { RoutingClock } from '../routing-clock.js';
import { RoutingState } from '../routing-state.js';
import { DeadlineTimer } from './deadline-timer.js';
import { GraceRequeue } from './grace-requeue.js';
import { OfferEndings } from './offer-endings.js';

/** A piece of work that failed (the store down) is looked at again this much later. */
const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Does the work deadlines and departures make due: expire offers past their
 * deadline, rescind offers of agents who left, re-queue conversations of
 * agents absent past their team's grace. What is due is read from the view
 * (pure: dueAt, dueFor, dueForAgent), whose deadlines come from the events,
 * so a restarted process finds the same work, and each piece is guarded by a
 * revision, so two instances sweeping the same view do it once.
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

  /** The timer's sweep, in SerialWork after what is queued; resolves once it ran (a failure is logged). */
  schedule(): Promise<void> {
    return this.work.run(() => this.sweepDue()).catch((error: Error) => this.logger.error(`deadline sweep failed: ${error.message}`));
  }

  /** A whole sweep, in SerialWork after what is queued (a team's settings changed). */
  scheduleAll(): Promise<void> {
    return this.work.run(() => this.sweepAll()).catch((error: Error) => this.logger.error(`deadline sweep failed: ${error.message}`));
  }

  /** The work of each conversation whose deadline came, at that conversation's cost. Call inside SerialWork. */
  async sweepDue(): Promise<void> {
    const now = this.clock.now();
    try {
      await this.perform(this.timer.takeDue().flatMap((conversationId) => dueFor(this.state.view, conversationId, now) ?? []));
    } finally {
      this.timer.arm();
    }
  }

  /** Everything due in the whole view, and every later deadline on the timer: on start, and when settings change. Call inside SerialWork. */
  async sweepAll(): Promise<void> {
    const now = this.clock.now();
    for (const { conversationId, at } of deadlinesIn(this.state.view)) if (at > now.getTime()) this.timer.watch(conversationId, at);
    await this.perform(dueAt(this.state.view, now));
  }

  /**
   * After an agent's availability message: its rescinds and re-queues now,
   * its grace deadlines on the timer; at that agent's cost, and no routing
   * work at all when nothing of it is due (the common case).
   */
  agentChanged(agentId: string): void {
    const view = this.state.view;
    for (const conversationId of view.agent(agentId)?.openConversations ?? []) {
      const held = view.heldConversation(conversationId);
      const deadline = held?.agentId === agentId ? graceDeadline(view, held) : undefined;
      if (deadline !== undefined) this.timer.watch(conversationId, deadline);
    }
    if (dueForAgent(view, agentId, this.clock.now()).length === 0) return;
    this.work.run(() => this.perform(dueForAgent(view, agentId, this.clock.now())))
      .catch((error: Error) => this.logger.error(`deadlines of ${agentId} failed: ${error.message}`));
  }

  /** Does each piece, one failure not stopping the others; a failed piece is looked at again a little later. */
  private async perform(due: readonly DueWork[]): Promise<void> {
    const teams = new Set<string>();
    for (const work of due) {
      try {
        const team = await this.performOne(work);
        if (team) teams.add(team);
      } catch (error) {
        this.logger.error(`${work.kind} of ${work.conversationId} failed: ${(error as Error).message}`);
        this.timer.watch(work.conversationId, this.clock.now().getTime() + RETRY_AFTER_FAILURE_MS);
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
