import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { accessPolicy, pageOf, type Caller, type Page } from '@app/platform';
import type { AgentAvailability } from '../../read-model/agent-availability.js';
import { AvailabilityReadModel, type AvailabilityFilter } from '../../read-model/availability-read-model.js';
import { AgentViews, type AgentView } from '../agent-views.js';

/** A page of the agents the caller may see, in agent id order, after `afterAgentId`. */
export class ListAgentsQuery extends Query<Page<AgentView, string>> {
  constructor(readonly caller: Caller, readonly filter: AvailabilityFilter, readonly afterAgentId: string, readonly limit: number) { super(); }
}

/** Reads the read model in chunks so a page is full of agents the caller may see, however many others lie between. */
const CHUNK = 500;

@QueryHandler(ListAgentsQuery)
export class ListAgentsHandler implements IQueryHandler<ListAgentsQuery> {
  constructor(private readonly readModel: AvailabilityReadModel, private readonly views: AgentViews) {}

  async execute({ caller, filter, afterAgentId, limit }: ListAgentsQuery): Promise<Page<AgentView, string>> {
    const page = pageOf(this.visible(caller, filter, afterAgentId), limit, (agent) => agent.agentId);
    return { ...page, entries: page.entries.map((agent) => this.views.of(agent)) };
  }

  private *visible(caller: Caller, filter: AvailabilityFilter, after: string): Generator<AgentAvailability> {
    for (let chunk = this.readModel.list(filter, after, CHUNK); chunk.length > 0; chunk = this.readModel.list(filter, after, CHUNK)) {
      for (const agent of chunk) if (accessPolicy.seesAgent(caller, agent.agentId, agent.teams)) yield agent;
      after = chunk[chunk.length - 1].agentId;
    }
  }
}
