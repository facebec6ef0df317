import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const CORRELATION_HEADER = 'x-correlation-id';
const PRINTABLE = /^[\x21-\x7e]{1,200}$/;

interface RequestContext {
  readonly correlationId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

export type CorrelatedRequest = Request & { correlationId?: string };

/** The correlation id of the request being handled (log lines, command metadata), if any. */
export const currentCorrelationId = (): string | undefined => context.getStore()?.correlationId;

/** A usable X-Correlation-Id: 1-200 printable ASCII characters, no spaces. */
export const isUsableCorrelationId = (value: string | undefined): value is string => value !== undefined && PRINTABLE.test(value);

/**
 * Takes X-Correlation-Id from the request (or makes one), echoes it in the
 * response, keeps it on the request (command metadata reads it there) and
 * runs the rest of the request inside it, so every log line of the request
 * carries it. An unusable header is replaced here; command routes still
 * answer 400 for it (command-context.ts), as before.
 */
export const correlationMiddleware = (request: CorrelatedRequest, response: Response, next: NextFunction): void => {
  const sent = request.headers[CORRELATION_HEADER];
  const given = Array.isArray(sent) ? sent[0] : sent;
  const correlationId = isUsableCorrelationId(given) ? given : randomUUID();
  request.correlationId = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  context.run({ correlationId }, next);
};
