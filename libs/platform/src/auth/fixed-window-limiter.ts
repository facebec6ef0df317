interface Window {
  startedAt: number;
  count: number;
}

const WINDOW_MS = 60_000;
/** Forget idle keys so the table stays as small as the set of active ones. */
const SWEEP_EVERY = 10_000;

/** How long until a key's window ends, when it is over its limit. */
export type LimitVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * A fixed one-minute window per key, in memory, per process: behind a load
 * balancer each instance limits on its own.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();
  private hits = 0;

  constructor(private readonly limitPerMinute: number, private readonly clock: () => number = Date.now) {}

  /** Counts one hit for `key`. */
  hit(key: string): LimitVerdict {
    const now = this.clock();
    if (++this.hits % SWEEP_EVERY === 0) this.sweep(now);
    const window = this.windowOf(key, now);
    window.count += 1;
    return window.count <= this.limitPerMinute ? { allowed: true } : this.refused(window, now);
  }

  /** Whether one more hit for `key` would be allowed now, without counting one. */
  check(key: string): LimitVerdict {
    const now = this.clock();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS || window.count < this.limitPerMinute) return { allowed: true };
    return this.refused(window, now);
  }

  private refused(window: Window, now: number): LimitVerdict {
    return { allowed: false, retryAfterSeconds: Math.ceil((window.startedAt + WINDOW_MS - now) / 1000) };
  }

  private windowOf(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}
