import { isAfter, type EventStore, type GlobalPosition } from '@app/event-store';

interface Waiter {
  readonly position: GlobalPosition;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Callers waiting for a follower of the log (a projection) to reach a
 * position: a command for its own write (read-your-writes), a report for
 * everything the store held when it was asked. The follower says where it
 * is; `advance` settles whoever it has reached.
 */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  constructor(private readonly current: () => GlobalPosition | undefined) {}

  /** Resolves true once the follower has passed `position`, false after `timeoutMs`. */
  waitFor(position: GlobalPosition | undefined, timeoutMs: number): Promise<boolean> {
    if (position === undefined || !isAfter(position, this.current())) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve, timer: setTimeout(() => this.settle(waiter, false), timeoutMs) };
      this.waiters.push(waiter);
    });
  }

  /** Call after the follower moved on: once per event, so with nobody waiting it allocates nothing. */
  advance(): void {
    if (this.waiters.length === 0) return;
    const at = this.current();
    for (const waiter of this.waiters.filter((w) => !isAfter(w.position, at))) this.settle(waiter, true);
  }

  /** Lets every waiter go unanswered (the follower stops). */
  cancelAll(): void {
    for (const waiter of this.waiters) this.settle(waiter, false);
  }

  private settle(waiter: Waiter, reached: boolean): void {
    clearTimeout(waiter.timer);
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.resolve(reached);
  }
}

/** Events read per look while finding what a follower still has to apply. */
const LOOK_AHEAD = 1000;

/**
 * Waits until a follower of `streamPrefixes` has applied every such event
 * the store held when this was called (later appends are not waited for,
 * so a busy log cannot keep a caller waiting). False at the deadline.
 */
export const reachStoreHead = async (
  store: EventStore, streamPrefixes: readonly string[], follower: { readonly position: GlobalPosition | undefined; readonly waiters: PositionWaiters },
  timeoutMs: number,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  const head = await store.headPosition();
  for (;;) {
    const behind = (await store.readAll({ after: follower.position, streamPrefixes, maxCount: LOOK_AHEAD }))
      .filter((event) => head !== undefined && !isAfter(event.position, head));
    if (behind.length === 0) return true;
    if (!(await follower.waiters.waitFor(behind[behind.length - 1].position, Math.max(0, deadline - Date.now())))) return false;
    if (behind.length < LOOK_AHEAD) return true;
  }
};
