import { Injectable } from '@nestjs/common';
import { DeadlineQueue } from '@app/routing-domain';
import { RoutingClock } from '../routing-clock.js';

/** setTimeout's longest delay; a later deadline is reached by waking and sleeping again. */
const LONGEST_SLEEP_MS = 2 ** 31 - 1;

/**
 * The deadlines routing keeps (offer expiries, grace periods), by
 * conversation, and one timer set for the earliest: when it fires, the sweep
 * takes the conversations whose deadline came and looks at those alone. The
 * deadlines themselves live in the events, so this is only a wake-up call: a
 * restarted process rebuilds it from its view on start.
 */
@Injectable()
export class DeadlineTimer {
  private readonly deadlines = new DeadlineQueue<string>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor: number | undefined;
  private stopped = false;
  private wake: () => void = () => undefined;

  constructor(private readonly clock: RoutingClock) {}

  /** What to run when a deadline comes (the sweep). */
  onWake(wake: () => void): void {
    this.wake = wake;
  }

  /** Look at the conversation again at `deadline` (ms since the epoch). */
  watch(conversationId: string, deadline: number): void {
    if (this.stopped) return;
    this.deadlines.add(deadline, conversationId);
    this.arm();
  }

  /** The conversations whose deadline has come, each once, no longer watched. */
  takeDue(): string[] {
    return [...new Set(this.deadlines.takeDue(this.clock.now().getTime()))];
  }

  /** Sets the timer for the earliest deadline left (after a sweep took what was due). */
  arm(): void {
    const next = this.deadlines.next();
    if (next === undefined || this.stopped || (this.armedFor !== undefined && this.armedFor <= next)) return;
    clearTimeout(this.timer);
    this.armedFor = next;
    this.timer = setTimeout(() => {
      this.armedFor = undefined;
      this.wake();
    }, Math.min(LONGEST_SLEEP_MS, Math.max(0, next - this.clock.now().getTime())));
    this.timer.unref();
  }

  /** Shutting down: no more wake-ups. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.armedFor = undefined;
  }
}
