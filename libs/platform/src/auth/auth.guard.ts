import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics.js';
import { RateLimitedError } from './caller-throttler.guard.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';
import type { Request } from 'express';
import type { Caller } from './caller.js';
import { TokenVerifier } from './token-verifier.js';
import { UnauthenticatedError } from './auth-errors.js';

const PUBLIC = 'auth:public';

/** Marks a route that answers without a token (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = Request & { caller?: Caller };

/** The verified caller of the current request (routes behind AuthGuard always have one). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new UnauthenticatedError('no caller on this request');
  return caller;
});

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/**
 * Every route needs a verified bearer token unless marked @Public(). An
 * address whose authentications failed AUTH_FAILURES_PER_MINUTE times in the
 * current minute gets 429 before its token is even checked, so token
 * guessing is throttled although it never reaches the per-caller limit.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures: FixedWindowLimiter;

  constructor(
    private readonly verifier: TokenVerifier, private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig, @Optional() private readonly metrics?: Metrics,
  ) {
    this.failures = new FixedWindowLimiter(config.authFailuresPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = `address:${String(request.ip)}`;
    const verdict = this.failures.check(address);
    if (!verdict.allowed) {
      this.metrics?.authDenials.inc({ status: '429', action: 'authenticate', reason: 'too-many-failures' });
      throw new RateLimitedError(verdict.retryAfterSeconds, 'too many failed authentications from this address; slow down');
    }
    try {
      request.caller = await this.authenticate(request);
    } catch (error) {
      this.failures.hit(address);
      throw error;
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Caller> {
    const header = request.headers.authorization;
    if (!header) throw this.denied('missing', new UnauthenticatedError('an Authorization: Bearer token is required'));
    const match = BEARER.exec(header);
    if (!match) throw this.denied('malformed', new UnauthenticatedError('the Authorization header must be "Bearer <JWT>"'));
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      throw this.denied(/expired/i.test((error as Error).message) ? 'expired' : 'invalid', error);
    }
  }

  /** Counts a 401 by reason category (missing, malformed, expired, invalid), never by token. */
  private denied(reason: string, error: unknown): unknown {
    this.metrics?.authDenials.inc({ status: '401', action: 'authenticate', reason });
    return error;
  }
}
