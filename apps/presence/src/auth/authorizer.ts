import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from './caller.js';
import { ForbiddenError } from './auth-errors.js';

/** Turns an access decision into a 403, and logs who tried what. */
@Injectable()
export class Authorizer {
  private readonly logger = new Logger('Access');

  require(allowed: boolean, caller: Caller, action: string, target: string): void {
    if (allowed) return;
    this.logger.warn(`denied: ${caller.role} ${caller.id} tried to ${action} ${target}`);
    throw new ForbiddenError(caller.id, action, target);
  }
}
