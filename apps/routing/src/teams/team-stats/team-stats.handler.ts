import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { reachStoreHead } from '@app/platform';
import { CONVERSATION_STREAM_PREFIX, teamStats, type TeamStats } from '@app/routing-domain';
import { ConversationSubscription } from '../../inputs/conversation-subscription.js';
import { ROUTING_CONFIG, type RoutingConfig } from '../../routing-config.js';
import { RoutingState } from '../../routing-state.js';

/** How long the numbers wait for the conversation events already in the store before answering with what they have. */
const CATCH_UP_MS = 2000;

export class GetTeamStatsQuery extends Query<TeamStats> {
  constructor(readonly team: string, readonly now: Date) { super(); }
}

/** The team's numbers from this routing instance's view: agents from the availability topic, conversations from the log. */
@QueryHandler(GetTeamStatsQuery)
export class GetTeamStatsHandler implements IQueryHandler<GetTeamStatsQuery> {
  constructor(
    private readonly state: RoutingState,
    private readonly conversations: ConversationSubscription,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ROUTING_CONFIG) private readonly config: Pick<RoutingConfig, 'serviceLevelSeconds'>,
  ) {}

  async execute({ team, now }: GetTeamStatsQuery): Promise<TeamStats> {
    // Live numbers: a little late is still an answer, so after the wait they answer anyway, stamped with `at`.
    await reachStoreHead(this.store, [CONVERSATION_STREAM_PREFIX], this.conversations, CATCH_UP_MS);
    return teamStats({
      team, now, activity: this.state.activity, agents: this.state.agentsForStats(), serviceLevelSeconds: this.config.serviceLevelSeconds,
    });
  }
}
