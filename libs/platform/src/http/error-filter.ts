import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { CodedError, type ErrorKind } from '@app/kernel';
import {
  CommandIdReusedError, ConcurrencyConflictError, EventStoreTimeoutError, EventStoreUnavailableError, WrongExpectedRevisionError,
} from '@app/event-store';
import { ForbiddenError, UnauthenticatedError } from '../auth/auth-errors.js';
import { RateLimitedError } from '../auth/caller-throttler.guard.js';
import { CatchingUpError } from './catching-up-error.js';
import { TooManyFeedsError } from './feed-connections.js';
import { InvalidRequestError } from './request-errors.js';
import type { CorrelatedRequest } from '../observability/correlation.js';

interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly fields?: readonly { field: string; message: string }[];
}

/** Every domain's coded errors by kind: a broken input rule, a missing thing, a clash with the current state. */
const STATUS_OF_KIND: Record<ErrorKind, number> = { invalid: 400, 'not-found': 404, conflict: 409 };

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
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const [status, body] = this.map(exception);
    if (status >= 500) {
      const { correlationId } = http.getRequest<CorrelatedRequest>();
      const msg = exception instanceof Error ? exception.message : String(exception);
      this.logger.error({ msg, correlationId, ...(exception instanceof Error && exception.stack ? { stack: exception.stack } : {}) });
    }
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
    // A remembered refusal is rethrown as the domain's own coded error (or RememberedRefusalError, also coded): same status, same code.
    if (exception instanceof CodedError) {
      return [STATUS_OF_KIND[exception.kind], { code: exception.code, message: exception.message, field: exception.field }];
    }
    if (exception instanceof ConcurrencyConflictError || exception instanceof WrongExpectedRevisionError) {
      return [409, { code: 'CONCURRENCY_CONFLICT', message: 'the agent or conversation changed too often at once; try again' }];
    }
    if (exception instanceof CommandIdReusedError) return [422, { code: exception.code, message: exception.message }];
    if (exception instanceof CatchingUpError) return [503, { code: exception.code, message: exception.message }];
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
