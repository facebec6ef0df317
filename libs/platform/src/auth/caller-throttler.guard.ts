import { type CanActivate, type ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { AuthenticatedRequest } from './auth.guard.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';

export class RateLimitedError extends HttpException {
  constructor(readonly retryAfterSeconds: number, message = 'too many requests; slow down') {
    super(message, 429);
  }
}

/**
 * A fixed one-minute window per verified caller (per address on public
 * routes). In memory, per process. (@nestjs/throttler is CommonJS and cannot
 * load Nest 12's ESM under jest on Node 20, so this small guard takes its place.)
 */
@Injectable()
export class CallerThrottlerGuard implements CanActivate {
  private readonly limiter: FixedWindowLimiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new FixedWindowLimiter(config.rateLimitPerMinute);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const verdict = this.limiter.hit(request.caller ? `caller:${request.caller.id}` : `address:${String(request.ip)}`);
    if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
    return true;
  }
}
