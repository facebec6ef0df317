import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, formatPosition, type EventStore } from '@app/event-store';
import { Public } from '@app/platform';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import { AvailabilityRelay } from '../relay/availability-relay.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: AvailabilityProjection,
    private readonly relay: AvailabilityRelay,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Up when the event store answers and the projection runs' })
  async health(@Res({ passthrough: true }) response: Response) {
    const store = await this.store.headPosition().then(
      (head) => ({ status: 'up' as const, head: head ? formatPosition(head) : null }),
      (error: Error) => ({ status: 'down' as const, error: error.message }),
    );
    const projectionError = this.projection.error;
    const checkpoint = this.projection.checkpoint;
    const up = store.status === 'up' && !projectionError;
    if (!up) response.status(503);
    return {
      status: up ? 'up' : 'down',
      eventStore: store,
      projection: { status: projectionError ? 'down' : 'up', checkpoint: checkpoint ? formatPosition(checkpoint) : null },
      relay: this.relay.status,
    };
  }
}
