import { Controller, HttpCode, HttpException, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Authorizer, CurrentCaller, accessPolicy, type Caller } from '@app/platform';
import { ConnectionTracking } from '../../connections/connection-tracking.js';
import { agentIdPipe } from '../agent-http.js';
import { AgentTeams } from '../agent-teams.js';

/**
 * For agent apps that cannot hold the session stream: each heartbeat keeps
 * the agent connected for PRESENCE_TIMEOUT_SECONDS, on every presence
 * process. A signal, not an event: nothing is appended, no status changes.
 */
@ApiTags('agents')
@Controller('v1/agents')
export class HeartbeatHttp {
  constructor(private readonly tracking: ConnectionTracking, private readonly teams: AgentTeams, private readonly authorizer: Authorizer) {}

  @Post(':agentId/heartbeat')
  @HttpCode(204)
  @ApiOperation({ summary: 'The agent app says it is there (when it cannot hold GET /v1/agents/{id}/session): connected for PRESENCE_TIMEOUT_SECONDS' })
  @ApiNoContentResponse({ description: 'counted; shared with every presence process' })
  @ApiServiceUnavailableResponse({ description: 'the bus did not take it: the other presence processes may not know; send it again' })
  async heartbeat(@Param('agentId', agentIdPipe) agentId: string, @CurrentCaller() caller: Caller): Promise<void> {
    this.authorizer.require(accessPolicy.holdSession(caller, agentId), caller, 'heartbeat for', agentId);
    this.teams.known(caller, agentId);
    try {
      await this.tracking.heartbeat(agentId);
    } catch {
      throw new HttpException('the heartbeat could not be shared with the other presence processes; send it again', 503);
    }
  }
}
