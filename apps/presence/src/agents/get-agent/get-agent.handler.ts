import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/presence-domain';
import { AvailabilityReadModel } from '../../read-model/availability-read-model.js';
import { AgentViews, type AgentView } from '../agent-views.js';

export class GetAgentQuery extends Query<AgentView> {
  constructor(readonly agentId: string) { super(); }
}

@QueryHandler(GetAgentQuery)
export class GetAgentHandler implements IQueryHandler<GetAgentQuery> {
  constructor(private readonly readModel: AvailabilityReadModel, private readonly views: AgentViews) {}
  async execute({ agentId }: GetAgentQuery): Promise<AgentView> {
    const agent = this.readModel.get(agentId);
    if (!agent) throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
    return this.views.of(agent);
  }
}
