import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, accessPolicy, type Caller } from '@app/platform';
import { agentIdPipe } from '../agent-http.js';
import { AgentTeams } from '../agent-teams.js';
import { VerifyHistoryQuery, type HistoryVerdict } from './verify-history.handler.js';

@ApiTags('agents')
@Controller('v1/agents')
export class VerifyHistoryHttp {
  constructor(private readonly queries: QueryBus, private readonly teams: AgentTeams, private readonly authorizer: Authorizer) {}

  @Get(':agentId/status-history/verify')
  @ApiOperation({
    summary: "Recomputes the hash chain of the agent's stored events: { ok: true, events, head, unchained } or { ok: false, brokenAt, reason } "
      + '(brokenAt: the stream revision of the first event that does not fit)',
  })
  @ApiResponse({ status: 200, description: 'the verdict; a broken chain is an answer, not an error' })
  async verify(@Param('agentId', agentIdPipe) agentId: string, @CurrentCaller() caller: Caller): Promise<HistoryVerdict> {
    this.authorizer.require(accessPolicy.verifyHistory(caller, agentId, this.teams.known(caller, agentId)), caller, 'verify the history of', agentId);
    return this.queries.execute(new VerifyHistoryQuery(agentId));
  }
}
