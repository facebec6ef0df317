import { Body, Controller, Get, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { formatPosition } from '@app/event-store';
import type { StatusHistoryEntry } from '@app/presence-domain';
import { PRESENCE_CONFIG, type PresenceConfig } from '../config/presence-config.js';
import { OverrideAgentStatusCommand, PutAgentProfileCommand, SetAgentStatusCommand } from '../agents/presence-commands.js';
import { describeOutcome, type PresenceCommandOutcome } from '../agents/presence-command-runner.js';
import { availabilityOf, type AgentAvailability } from '../read-model/agent-availability.js';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import { GetAgentQuery, GetStatusHistoryQuery, ListAgentsQuery } from '../read-model/presence-queries.js';
import { commandMetadata } from './command-context.js';
import { AgentProfileBody, HistoryRangeParams, ListAgentsParams, OverrideStatusBody, SetStatusBody } from './presence-dtos.js';
import { InvalidRequestError, SlugParamPipe } from './request-errors.js';

const agentIdPipe = new SlugParamPipe('agentId');

const idempotencyHeader = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key appends nothing new' });

export interface CommandResponse {
  readonly agent: AgentAvailability;
  readonly command: ReturnType<typeof describeOutcome>;
}

@ApiTags('agents')
@Controller('v1/agents')
export class AgentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projection: AvailabilityProjection,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
  ) {}

  @Put(':agentId')
  @ApiOperation({ summary: 'Register an agent, or change its profile' }) @idempotencyHeader
  async putProfile(@Param('agentId', agentIdPipe) agentId: string, @Body() body: AgentProfileBody, @Req() request: Request): Promise<CommandResponse> {
    const outcome = await this.commands.execute(new PutAgentProfileCommand({
      type: 'PutAgentProfile', data: { agentId, ...body },
      metadata: commandMetadata(request, { kind: 'admin', id: 'unauthenticated' }),
    }));
    return this.answer(outcome);
  }

  @Put(':agentId/status')
  @ApiOperation({ summary: 'The agent sets its own status' }) @idempotencyHeader
  async setStatus(@Param('agentId', agentIdPipe) agentId: string, @Body() body: SetStatusBody, @Req() request: Request): Promise<CommandResponse> {
    const outcome = await this.commands.execute(new SetAgentStatusCommand({
      type: 'SetAgentStatus', data: { agentId, status: body.status, reason: body.reason },
      metadata: commandMetadata(request, { kind: 'agent', id: agentId }),
    }));
    return this.answer(outcome);
  }

  @Post(':agentId/status-overrides')
  @ApiOperation({ summary: "A supervisor overrides the agent's status, with a reason" }) @idempotencyHeader
  async overrideStatus(@Param('agentId', agentIdPipe) agentId: string, @Body() body: OverrideStatusBody, @Req() request: Request): Promise<CommandResponse> {
    const outcome = await this.commands.execute(new OverrideAgentStatusCommand({
      type: 'OverrideAgentStatus', data: { agentId, status: body.status, reason: body.reason, supervisorId: body.supervisorId },
      metadata: commandMetadata(request, { kind: 'supervisor', id: body.supervisorId }),
    }));
    return this.answer(outcome);
  }

  @Get(':agentId')
  @ApiOperation({ summary: "The agent's current availability" })
  getAgent(@Param('agentId', agentIdPipe) agentId: string): Promise<AgentAvailability> {
    return this.queries.execute(new GetAgentQuery(agentId));
  }

  @Get()
  @ApiOperation({ summary: 'Agents, optionally of one team and in one status' })
  listAgents(@Query() params: ListAgentsParams): Promise<AgentAvailability[]> {
    return this.queries.execute(new ListAgentsQuery({ team: params.team, status: params.status }));
  }

  @Get(':agentId/status-history')
  @ApiOperation({ summary: "Every status change of the agent in [from, to), replayed from the event store" })
  statusHistory(@Param('agentId', agentIdPipe) agentId: string, @Query() params: HistoryRangeParams): Promise<StatusHistoryEntry[]> {
    const from = params.from === undefined ? undefined : new Date(params.from);
    const to = params.to === undefined ? undefined : new Date(params.to);
    if (from && to && from > to) throw new InvalidRequestError([{ field: 'to', message: 'to must not be before from' }]);
    return this.queries.execute(new GetStatusHistoryQuery(agentId, { from, to }));
  }

  /**
   * Answers from the write side's state, after waiting (bounded) until the
   * read model shows the command too, so a GET right after sees its effect.
   */
  private async answer(outcome: PresenceCommandOutcome): Promise<CommandResponse> {
    await this.projection.waitFor(outcome.position, this.config.readYourWritesTimeoutMs);
    if (outcome.state.kind !== 'registered' || outcome.revision === undefined || outcome.position === undefined) {
      throw new Error('a successful presence command left no registered agent');
    }
    return { agent: availabilityOf(outcome.state, outcome.revision, formatPosition(outcome.position)), command: describeOutcome(outcome) };
  }
}
