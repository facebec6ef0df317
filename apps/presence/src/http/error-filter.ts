import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import {
  EventStoreTimeoutError, EventStoreUnavailableError, WrongExpectedRevisionError,
} from '@app/event-store';
import { DomainError, type DomainErrorCode } from '@app/presence-domain';
import { RoutingError, type RoutingErrorCode } from '@app/routing-domain';
import { ConcurrencyConflictError } from '../agents/presence-command-runner.js';
import { InvalidRequestError } from './request-errors.js';
import { TooManyFeedsError } from '../feed/feed-connections.js';
import { RateLimitedError } from '../auth/caller-throttler.guard.js';
import { ForbiddenError, UnauthenticatedError } from '../auth/auth-errors.js';

interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly fields?: readonly { field: string; message: string }[];
}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  AGENT_NOT_FOUND: 404,
  INVALID_PROFILE: 400,
  OVERRIDE_REASON_REQUIRED: 400,
  SUPERVISOR_REQUIRED: 400,
  AGENT_NOT_AVAILABLE: 409,
  AGENT_NOT_IN_TEAM: 409,
  AGENT_AT_CAPACITY: 409,
  OFFER_NOT_RESERVED: 409,
};

/** A missing conversation is 404, bad team settings 400; every other routing rule is a conflict with the conversation's current state. */
const ROUTING_STATUS: Record<RoutingErrorCode, number> = {
  CONVERSATION_NOT_FOUND: 404,
  CONVERSATION_EXISTS: 409,
  CONVERSATION_ALREADY_ASSIGNED: 409,
  CONVERSATION_CLOSED: 409,
  CONVERSATION_NOT_ASSIGNED: 409,
  INVALID_TEAM_SETTINGS: 400,
  OFFER_NOT_PENDING: 409,
  OFFER_EXPIRED: 409,
  OFFER_PENDING: 409,
};

/** What body-parser reports for a client's broken body (express's `type` on the error). */
const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'MALFORMED_JSON', 'the body is not valid JSON'],
  'entity.too.large': [413, 'BODY_TOO_LARGE', 'the body is larger than the limit'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING', 'the body encoding is not supported'],
  'charset.unsupported': [415, 'UNSUPPORTED_CHARSET', 'the body charset is not supported'],
  'request.aborted': [400, 'REQUEST_ABORTED', 'the request was aborted'],
  'request.size.invalid': [400, 'REQUEST_SIZE_INVALID', 'the body length does not match Content-Length'],
};

/**
 * One place maps every error to HTTP: codes, never message matching, and never
 * a stack trace or an internal path in a response.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.map(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    if (response.headersSent) {
      response.end();
      return;
    }
    if (status === 503) response.setHeader('Retry-After', '1');
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (exception instanceof RateLimitedError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(status).json({ error: body });
  }

  private map(exception: unknown): [number, ErrorBody] {
    if (exception instanceof InvalidRequestError) {
      return [400, { code: exception.code, message: exception.message, field: exception.problems[0]?.field, fields: exception.problems }];
    }
    if (exception instanceof UnauthenticatedError) return [401, { code: exception.code, message: exception.message }];
    if (exception instanceof ForbiddenError) return [403, { code: exception.code, message: 'not allowed for this caller' }];
    if (exception instanceof TooManyFeedsError) return [429, { code: 'TOO_MANY_FEEDS', message: exception.message }];
    if (exception instanceof RateLimitedError) return [429, { code: 'RATE_LIMITED', message: exception.message }];
    if (exception instanceof DomainError) {
      return [DOMAIN_STATUS[exception.code], { code: exception.code, message: exception.message, field: exception.field }];
    }
    if (exception instanceof RoutingError) {
      return [ROUTING_STATUS[exception.code], { code: exception.code, message: exception.message, field: exception.field }];
    }
    if (exception instanceof ConcurrencyConflictError || exception instanceof WrongExpectedRevisionError) {
      return [409, { code: 'CONCURRENCY_CONFLICT', message: 'the agent or conversation changed too often at once; try again' }];
    }
    if (exception instanceof EventStoreUnavailableError || exception instanceof EventStoreTimeoutError) {
      return [503, { code: exception.code, message: 'the event store cannot take this request now; try again shortly' }];
    }
    // Nest wraps body-parser's errors in an HttpException; their `type` tells what went wrong.
    const parserError = (exception instanceof HttpException ? exception.cause as { type?: unknown } | undefined : undefined)?.type;
    if (typeof parserError === 'string' && BODY_PARSER_ERRORS[parserError]) {
      const [status, code, message] = BODY_PARSER_ERRORS[parserError];
      return [status, { code, message, field: 'body' }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return [status, { code: status === 404 ? 'NOT_FOUND' : `HTTP_${status}`, message: status >= 500 ? 'internal error' : exception.message }];
    }
    return [500, { code: 'INTERNAL', message: 'internal error' }];
  }
}
