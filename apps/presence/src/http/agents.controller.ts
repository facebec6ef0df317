import { Body, Controller, Get, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { formatPosition } from '@app/event-store';
import { DomainError, type StatusHistoryEntry } from '@app/presence-domain';
import { accessPolicy } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/auth.guard.js';
import { Authorizer } from '../auth/authorizer.js';
import { actorOf, type Caller } from '../auth/caller.js';
import { PRESENCE_CONFIG, type PresenceConfig } from '../config/presence-config.js';
import { OverrideAgentStatusCommand, PutAgentProfileCommand, SetAgentStatusCommand } from '../agents/presence-commands.js';
import { describeOutcome, type PresenceCommandOutcome } from '../agents/presence-command-runner.js';
import { availabilityOf, type AgentAvailability } from '../read-model/agent-availability.js';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import { AvailabilityReadModel } from '../read-model/availability-read-model.js';
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
    private readonly readModel: AvailabilityReadModel,
    private readonly authorizer: Authorizer,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
  ) {}

  @Put(':agentId')
  @ApiOperation({ summary: 'Register an agent, or change its profile (admins; supervisors within their teams)' }) @idempotencyHeader
  async putProfile(
    @Param('agentId', agentIdPipe) agentId: string, @Body() body: AgentProfileBody, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<CommandResponse> {
    this.authorizer.require(accessPolicy.putAgentProfile(caller, this.teamsOf(agentId), body.teams), caller, 'change the profile of', agentId);
    const outcome = await this.commands.execute(new PutAgentProfileCommand({
      type: 'PutAgentProfile', data: { agentId, ...body }, metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer(outcome);
  }

  @Put(':agentId/status')
  @ApiOperation({ summary: 'The agent sets its own status' }) @idempotencyHeader
  async setStatus(
    @Param('agentId', agentIdPipe) agentId: string, @Body() body: SetStatusBody, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<CommandResponse> {
    this.authorizer.require(accessPolicy.setStatus(caller, agentId), caller, 'set the status of', agentId);
    const outcome = await this.commands.execute(new SetAgentStatusCommand({
      type: 'SetAgentStatus', data: { agentId, status: body.status, reason: body.reason }, metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer(outcome);
  }

  @Post(':agentId/status-overrides')
  @ApiOperation({ summary: "A supervisor of the agent's team overrides its status, with a reason; the supervisor is the caller" }) @idempotencyHeader
  async overrideStatus(
    @Param('agentId', agentIdPipe) agentId: string, @Body() body: OverrideStatusBody, @Req() request: Request, @CurrentCaller() caller: Caller,
  ): Promise<CommandResponse> {
    this.authorizer.require(accessPolicy.overrideStatus(caller, this.knownTeamsOf(caller, agentId)), caller, 'override the status of', agentId);
    const outcome = await this.commands.execute(new OverrideAgentStatusCommand({
      type: 'OverrideAgentStatus', data: { agentId, status: body.status, reason: body.reason, supervisorId: caller.id },
      metadata: commandMetadata(request, actorOf(caller)),
    }));
    return this.answer(outcome);
  }

  @Get(':agentId')
  @ApiOperation({ summary: "The agent's current availability" })
  getAgent(@Param('agentId', agentIdPipe) agentId: string, @CurrentCaller() caller: Caller): Promise<AgentAvailability> {
    this.authorizer.require(accessPolicy.readAgent(caller, agentId, this.knownTeamsOf(caller, agentId)), caller, 'read', agentId);
    return this.queries.execute(new GetAgentQuery(agentId));
  }

  @Get()
  @ApiOperation({ summary: 'Agents the caller may see, optionally of one team and in one status' })
  async listAgents(@Query() params: ListAgentsParams, @CurrentCaller() caller: Caller): Promise<AgentAvailability[]> {
    const agents = await this.queries.execute(new ListAgentsQuery({ team: params.team, status: params.status }));
    return agents.filter((agent) => accessPolicy.seesAgent(caller, agent.agentId, agent.teams));
  }

  @Get(':agentId/status-history')
  @ApiOperation({ summary: 'Every status change of the agent in [from, to), replayed from the event store' })
  statusHistory(
    @Param('agentId', agentIdPipe) agentId: string, @Query() params: HistoryRangeParams, @CurrentCaller() caller: Caller,
  ): Promise<StatusHistoryEntry[]> {
    const from = params.from === undefined ? undefined : new Date(params.from);
    const to = params.to === undefined ? undefined : new Date(params.to);
    if (from && to && from > to) throw new InvalidRequestError([{ field: 'to', message: 'to must not be before from' }]);
    this.authorizer.require(accessPolicy.readHistory(caller, agentId, this.knownTeamsOf(caller, agentId)), caller, 'read the history of', agentId);
    return this.queries.execute(new GetStatusHistoryQuery(agentId, { from, to }));
  }

  private teamsOf(agentId: string): readonly string[] {
    return this.readModel.get(agentId)?.teams ?? [];
  }

  /**
   * Teams of a registered agent, for an access decision. An unknown agent is a
   * 404, except to another agent, who learns nothing from a 403.
   */
  private knownTeamsOf(caller: Caller, agentId: string): readonly string[] {
    const agent = this.readModel.get(agentId);
    if (agent) return agent.teams;
    if (caller.role === 'agent' && caller.id !== agentId) return [];
    throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
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
