import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, SlugParamPipe, accessPolicy, type Caller } from '@app/platform';
import { GetTeamQueueQuery, type TeamQueueAnswer } from './get-queue.handler.js';

@ApiTags('queues')
@Controller('v1/queues')
export class GetQueueHttp {
  constructor(private readonly queries: QueryBus, private readonly authorizer: Authorizer) {}

  @Get(':team')
  @ApiOperation({ summary: "A team's waiting conversations, highest priority first, then oldest" })
  queue(@Param('team', new SlugParamPipe('team')) team: string, @CurrentCaller() caller: Caller): Promise<TeamQueueAnswer> {
    this.authorizer.require(accessPolicy.readQueue(caller, team), caller, 'read the queue of', team);
    return this.queries.execute(new GetTeamQueueQuery(team));
  }
}
