import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetFloorQuery, type Floor } from '../read-model/presence-queries.js';
import { FloorParams } from './presence-dtos.js';

@ApiTags('floor')
@Controller('v1/floor')
export class FloorController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every agent now, or at a past instant (?at=ISO-8601) replayed from the log' })
  floor(@Query() params: FloorParams): Promise<Floor> {
    return this.queries.execute(new GetFloorQuery(params.at === undefined ? undefined : new Date(params.at)));
  }
}
