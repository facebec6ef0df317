import { type CanActivate, type ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { PRESENCE_CONFIG, type PresenceConfig } from '../config/presence-config.js';
import type { AuthenticatedRequest } from './auth.guard.js';

export class RateLimitedError extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests; slow down', 429);
  }
}

interface Window {
  startedAt: number;
  count: number;
}

const WINDOW_MS = 60_000;
/** Forget idle callers so the table stays as small as the set of active ones. */
const SWEEP_EVERY = 10_000;

/**
 * A fixed one-minute window per verified caller (per address on public
 * routes). In memory, per process: behind a load balancer each instance
 * limits on its own. (@nestjs/throttler is CommonJS and cannot load Nest 12's
 * ESM under jest on Node 20, so this small guard takes its place.)
 */
@Injectable()
export class CallerThrottlerGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();
  private requests = 0;

  constructor(@Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.caller ? `caller:${request.caller.id}` : `address:${String(request.ip)}`;
    const now = Date.now();
    if (++this.requests % SWEEP_EVERY === 0) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (++window.count > this.config.rateLimitPerMinute) {
      throw new RateLimitedError(Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    }
    return true;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}
