import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/presence-domain';
import type { AgentAvailability } from '../../read-model/agent-availability.js';
import { AvailabilityReadModel } from '../../read-model/availability-read-model.js';

export class GetAgentQuery extends Query<AgentAvailability> {
  constructor(readonly agentId: string) { super(); }
}

@QueryHandler(GetAgentQuery)
export class GetAgentHandler implements IQueryHandler<GetAgentQuery> {
  constructor(private readonly readModel: AvailabilityReadModel) {}
  async execute({ agentId }: GetAgentQuery): Promise<AgentAvailability> {
    const agent = this.readModel.get(agentId);
    if (!agent) throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
    return agent;
  }
}
