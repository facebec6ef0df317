import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { RoutingState } from '../../routing-state.js';

export interface TeamQueueAnswer {
  readonly team: string;
  readonly conversations: readonly { conversationId: string; priority: number; queuedAt: string; position: number }[];
}

export class GetTeamQueueQuery extends Query<TeamQueueAnswer> {
  constructor(readonly team: string) { super(); }
}

@QueryHandler(GetTeamQueueQuery)
export class GetTeamQueueHandler implements IQueryHandler<GetTeamQueueQuery> {
  constructor(private readonly state: RoutingState) {}
  async execute({ team }: GetTeamQueueQuery): Promise<TeamQueueAnswer> {
    const conversations = this.state.view.queueOf(team).map(({ conversationId, priority, queuedAt }, index) =>
      ({ conversationId, priority, queuedAt, position: index + 1 }));
    return { team, conversations };
  }
}
