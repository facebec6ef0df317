import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, accessPolicy, type Caller } from '@app/platform';
import { FloorParams } from './get-floor.dto.js';
import { GetFloorQuery, type Floor } from './get-floor.handler.js';

@ApiTags('floor')
@Controller('v1/floor')
export class GetFloorHttp {
  constructor(private readonly queries: QueryBus, private readonly authorizer: Authorizer) {}

  @Get()
  @ApiOperation({ summary: 'Every agent the caller oversees, now or at a past instant (?at=ISO-8601) replayed from the log' })
  async floor(@Query() params: FloorParams, @CurrentCaller() caller: Caller): Promise<Floor> {
    this.authorizer.require(accessPolicy.watchFloor(caller), caller, 'watch', 'the floor');
    const floor = await this.queries.execute(new GetFloorQuery(params.at === undefined ? undefined : new Date(params.at)));
    return { ...floor, agents: floor.agents.filter((agent) => accessPolicy.seesAgent(caller, agent.agentId, agent.teams)) };
  }
}
