import { Injectable } from '@nestjs/common';

/**
 * The clock routing's own steps read: offer deadlines, expiries and grace
 * periods are decided against it and written into the events. The system's
 * by default; tests hand RoutingModule one they move.
 */
@Injectable()
export class RoutingClock {
  now(): Date {
    return new Date();
  }
}
