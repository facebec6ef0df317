import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SlugParamPipe } from '../../../presence/src/http/request-errors.js';
import { GetTeamQueueQuery, type TeamQueueAnswer } from '../conversations/routing-queries.js';

@ApiTags('queues')
@Controller('v1/queues')
export class QueuesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':team')
  @ApiOperation({ summary: "A team's waiting conversations, highest priority first, then oldest" })
  queue(@Param('team', new SlugParamPipe('team')) team: string): Promise<TeamQueueAnswer> {
    return this.queries.execute(new GetTeamQueueQuery(team));
  }
}
