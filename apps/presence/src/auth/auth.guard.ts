import { type CanActivate, type ExecutionContext, Injectable, Optional, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Metrics } from '../operations/metrics.js';
import { Reflector } from '@nestjs/core';
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

/** Every route needs a verified bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly verifier: TokenVerifier, private readonly reflector: Reflector, @Optional() private readonly metrics?: Metrics) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw this.denied('missing', new UnauthenticatedError('an Authorization: Bearer token is required'));
    const match = BEARER.exec(header);
    if (!match) throw this.denied('malformed', new UnauthenticatedError('the Authorization header must be "Bearer <JWT>"'));
    try {
      request.caller = await this.verifier.verify(match[1]);
    } catch (error) {
      throw this.denied(/expired/i.test((error as Error).message) ? 'expired' : 'invalid', error);
    }
    return true;
  }

  /** Counts a 401 by reason category (missing, malformed, expired, invalid), never by token. */
  private denied(reason: string, error: unknown): unknown {
    this.metrics?.authDenials.inc({ status: '401', action: 'authenticate', reason });
    return error;
  }
}
