import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, StreamNotFoundError, verifyStreamChain, type ChainVerdict, type EventStore } from '@app/event-store';
import { DomainError, agentStreamId } from '@app/presence-domain';
import { accessPolicy } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/auth.guard.js';
import { Authorizer } from '../auth/authorizer.js';
import type { Caller } from '../auth/caller.js';
import { SlugParamPipe } from '../http/request-errors.js';
import { AvailabilityReadModel } from '../read-model/availability-read-model.js';

/**
 * DRAFT for issue 13 (not registered in any module, no e2e test yet):
 * GET /v1/agents/{id}/status-history/verify answers the hash-chain verdict
 * of the agent's stream. Same access as the history it vouches for.
 */
@ApiTags('agents')
@Controller('v1/agents')
export class VerifyHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: AvailabilityReadModel,
    private readonly authorizer: Authorizer,
  ) {}

  @Get(':agentId/status-history/verify')
  @ApiOperation({ summary: "Recomputes the hash chain of the agent's stream: { ok: true, events, head } or { ok: false, brokenAt, reason }" })
  async verify(@Param('agentId', new SlugParamPipe('agentId')) agentId: string, @CurrentCaller() caller: Caller): Promise<ChainVerdict> {
    const teams = this.readModel.get(agentId)?.teams ?? [];
    this.authorizer.require(accessPolicy.readHistory(caller, agentId, teams), caller, 'verify the history of', agentId);
    try {
      return await verifyStreamChain(this.store, agentStreamId(agentId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
      throw error;
    }
  }
}
