import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import type { CorrelatedRequest } from './correlation.js';
import type { Metrics } from './metrics.js';

const logger = new Logger('HTTP');

/** The matched route pattern (`/v1/agents/:agentId`), not the raw path, so ids stay out of metrics labels. */
const routeOf = (request: Request): string => {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
};

/**
 * Tracks in-flight requests (graceful shutdown waits for them) and logs each
 * answered request at info: method, route, status, duration, caller id
 * (never the token); the correlation id comes with the log context.
 */
export class RequestTracker {
  private inFlight = 0;
  private draining: (() => void) | undefined;
  /** Set once shutdown began: answers then ask clients to close their connection. */
  closing = false;

  constructor(private readonly metrics: Metrics) {}

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let counted = true;
    this.inFlight++;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.inFlight--;
      if (this.inFlight === 0) this.draining?.();
    };
    // A live feed never finishes on its own: it does not hold shutdown back.
    response.on('close', done);
    const writeHead = response.writeHead;
    response.writeHead = ((...args: Parameters<Response['writeHead']>) => {
      if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) done();
      if (this.closing && !response.headersSent) response.setHeader('Connection', 'close');
      return writeHead.apply(response, args);
    }) as Response['writeHead'];
    response.on('finish', () => {
      const route = routeOf(request);
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      this.metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
      logger.log({
        msg: 'request', method: request.method, route, path: request.path, status: response.statusCode,
        durationMs: Math.round(durationMs * 100) / 100, callerId: (request as AuthenticatedRequest).caller?.id ?? null,
        correlationId: (request as CorrelatedRequest).correlationId,
      });
      done();
    });
    next();
  };

  /** Resolves when no request is in flight, or after `timeoutMs` (then returns false). */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.draining = undefined; resolve(false); }, timeoutMs);
      this.draining = () => { clearTimeout(timer); this.draining = undefined; resolve(true); };
    });
  }

  get count(): number {
    return this.inFlight;
  }
}
