import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino } from 'pino';
import type { LogLevel } from '../config/app-config.js';

const isContext = (value: unknown): value is string => typeof value === 'string';

/**
 * Nest's LoggerService on pino: one JSON object per line on stdout, with the
 * Nest context. A message that is an object is merged into the line (`msg`
 * is its message): that is how a request's lines carry its `correlationId`.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(level: LogLevel, destination: NodeJS.WritableStream | number = 1) {
    this.pino = pino({
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    }, typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination);
  }

  log(message: unknown, ...params: unknown[]): void { this.write('info', message, params); }
  error(message: unknown, ...params: unknown[]): void { this.write('error', message, params); }
  warn(message: unknown, ...params: unknown[]): void { this.write('warn', message, params); }
  debug(message: unknown, ...params: unknown[]): void { this.write('debug', message, params); }
  verbose(message: unknown, ...params: unknown[]): void { this.write('trace', message, params); }
  fatal(message: unknown, ...params: unknown[]): void { this.write('fatal', message, params); }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest appends the context as the last string; Logger.error passes a stack before it.
    const context = params.length > 0 && isContext(params[params.length - 1]) ? params[params.length - 1] as string : undefined;
    const rest = context === undefined ? params : params.slice(0, -1);
    const stack = level === 'error' && isContext(rest[0]) ? rest[0] : undefined;
    const fields: Record<string, unknown> = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const { msg, ...data } = message as Record<string, unknown>;
      this.pino[level]({ ...fields, ...data }, typeof msg === 'string' ? msg : '');
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
