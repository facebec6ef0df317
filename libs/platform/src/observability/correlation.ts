import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const CORRELATION_HEADER = 'x-correlation-id';
const PRINTABLE = /^[\x21-\x7e]{1,200}$/;

export type CorrelatedRequest = Request & { correlationId?: string };

/** A usable X-Correlation-Id: 1-200 printable ASCII characters, no spaces. */
export const isUsableCorrelationId = (value: string | undefined): value is string => value !== undefined && PRINTABLE.test(value);

/**
 * Takes X-Correlation-Id from the request (or makes one), echoes it in the
 * response and keeps it on the request, where command metadata and the
 * request's log lines (request log, error filter) read it. Not an
 * AsyncLocalStorage: in Node 20 one turns on promise hooks for every promise
 * of the process, which cost a quarter of a status command's CPU. An
 * unusable header is replaced here; command routes still answer 400 for it
 * (command-context.ts), as before.
 */
export const correlationMiddleware = (request: CorrelatedRequest, response: Response, next: NextFunction): void => {
  const sent = request.headers[CORRELATION_HEADER];
  const given = Array.isArray(sent) ? sent[0] : sent;
  const correlationId = isUsableCorrelationId(given) ? given : randomUUID();
  request.correlationId = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  next();
};
