import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { accessPolicy } from '../../../presence/src/auth/access-policy.js';
import { CurrentCaller } from '../../../presence/src/auth/auth.guard.js';
import { Authorizer } from '../../../presence/src/auth/authorizer.js';
import type { Caller } from '../../../presence/src/auth/caller.js';
import { SlugParamPipe } from '../../../presence/src/http/request-errors.js';
import { GetTeamQueueQuery, type TeamQueueAnswer } from '../conversations/routing-queries.js';

@ApiTags('queues')
@Controller('v1/queues')
export class QueuesController {
  constructor(private readonly queries: QueryBus, private readonly authorizer: Authorizer) {}

  @Get(':team')
  @ApiOperation({ summary: "A team's waiting conversations, highest priority first, then oldest" })
  queue(@Param('team', new SlugParamPipe('team')) team: string, @CurrentCaller() caller: Caller): Promise<TeamQueueAnswer> {
    this.authorizer.require(accessPolicy.readQueue(caller, team), caller, 'read the queue of', team);
    return this.queries.execute(new GetTeamQueueQuery(team));
  }
}
