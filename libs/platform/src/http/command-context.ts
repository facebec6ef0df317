import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Actor, CommandMetadata } from '@app/kernel';
import type { CorrelatedRequest } from '../observability/correlation.js';
import { MAX_IDEMPOTENCY_KEY } from './input-limits.js';
import { InvalidRequestError } from './request-errors.js';

const PRINTABLE = /^[\x21-\x7e]+$/;

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const checkedHeader = (request: Request, name: string): string | undefined => {
  const value = header(request, name);
  if (value === undefined) return undefined;
  if (value.length > MAX_IDEMPOTENCY_KEY || !PRINTABLE.test(value)) {
    throw new InvalidRequestError([{ field: name, message: `${name} must be 1-${MAX_IDEMPOTENCY_KEY} printable ASCII characters` }]);
  }
  return value;
};

/**
 * The clock, the command id and the correlation id enter here, at the edge,
 * so the domain stays pure. An Idempotency-Key becomes the command id: the
 * same key retried appends nothing new and answers with the first result.
 * Without one the id is made here and marked fresh: nothing will ever retry
 * it, so nothing is kept for it (on EventStoreDB that spares two of a
 * command's three round trips).
 */
export const commandMetadata = (request: Request, actor: Actor): CommandMetadata => {
  const key = checkedHeader(request, 'idempotency-key');
  const commandId = key ?? randomUUID();
  // The same id the correlation middleware put in the response header and in this request's log lines.
  const correlationId = checkedHeader(request, 'x-correlation-id') ?? (request as CorrelatedRequest).correlationId ?? commandId;
  return { now: new Date(), actor, commandId, correlationId, ...(key === undefined ? { freshCommandId: true } : {}) };
};
