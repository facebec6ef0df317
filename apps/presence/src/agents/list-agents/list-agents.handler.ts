import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AgentAvailability } from '../../read-model/agent-availability.js';
import { AvailabilityReadModel, type AvailabilityFilter } from '../../read-model/availability-read-model.js';

export class ListAgentsQuery extends Query<AgentAvailability[]> {
  constructor(readonly filter: AvailabilityFilter) { super(); }
}

@QueryHandler(ListAgentsQuery)
export class ListAgentsHandler implements IQueryHandler<ListAgentsQuery> {
  constructor(private readonly readModel: AvailabilityReadModel) {}
  async execute({ filter }: ListAgentsQuery): Promise<AgentAvailability[]> {
    return this.readModel.list(filter);
  }
}
