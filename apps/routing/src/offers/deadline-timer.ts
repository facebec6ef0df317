import { Injectable } from '@nestjs/common';
import { RoutingClock } from '../routing-clock.js';

/** setTimeout's longest delay; a later deadline is reached by waking and sleeping again. */
const LONGEST_SLEEP_MS = 2 ** 31 - 1;

/**
 * A deadline already past but not resolved (its work found nothing to do yet,
 * an answer from another instance is on its way) is looked at again no sooner
 * than this, so the timer never spins.
 */
export const SOONEST_WAKE_MS = 100;

/**
 * One timer for every deadline routing keeps (offer expiries, grace periods):
 * it fires once by the earliest deadline it was told of, and the sweep it
 * wakes finds everything due from the view. The deadlines themselves live in
 * the events, so this timer is only a wake-up call: a restarted process
 * sweeps on start.
 */
@Injectable()
export class DeadlineTimer {
  private timer: NodeJS.Timeout | undefined;
  private wakeAt: number | undefined;
  private stopped = false;
  private wake: () => void = () => undefined;

  constructor(private readonly clock: RoutingClock) {}

  /** What to run when the timer fires (the sweep). */
  onWake(wake: () => void): void {
    this.wake = wake;
  }

  /** Makes sure the timer fires by `deadline` (ms since the epoch), and no sooner than `soonest` ms from now. */
  wakeBy(deadline: number | undefined, soonest = 0): void {
    if (deadline === undefined || this.stopped) return;
    const at = Math.max(deadline, this.clock.now().getTime() + soonest);
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => {
      this.wakeAt = undefined;
      this.wake();
    }, Math.min(LONGEST_SLEEP_MS, Math.max(0, at - this.clock.now().getTime())));
    this.timer.unref();
  }

  /** A sweep is running: whatever it leaves due, it asks for again. */
  reset(): void {
    clearTimeout(this.timer);
    this.wakeAt = undefined;
  }

  /** Shutting down: no more wake-ups. */
  stop(): void {
    this.stopped = true;
    this.reset();
  }
}
