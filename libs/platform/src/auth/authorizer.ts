import { Injectable, Logger, Optional } from '@nestjs/common';
import { Metrics } from '../observability/metrics.js';
import type { Caller } from './caller.js';
import { ForbiddenError } from './auth-errors.js';

/** Turns an access decision into a 403, and logs who tried what. */
@Injectable()
export class Authorizer {
  private readonly logger = new Logger('Access');

  constructor(@Optional() private readonly metrics?: Metrics) {}

  require(allowed: boolean, caller: Caller, action: string, target: string): void {
    if (allowed) return;
    this.metrics?.authDenials.inc({ status: '403', action, reason: 'forbidden' });
    this.logger.warn(`denied: ${caller.role} ${caller.id} tried to ${action} ${target}`);
    throw new ForbiddenError(caller.id, action, target);
  }
}
