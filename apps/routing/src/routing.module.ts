import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus } from '@app/messaging';
import { Metrics, StoreHealth, instrumentedStore, runnerFor, runnerStorageProvider } from '@app/platform';
import { presenceDecider } from '@app/presence-domain';
import { conversationDecider, teamRoutingDecider } from '@app/routing-domain';
import { ConversationAssignment } from './assignment/conversation-assignment.js';
import { ConversationRouting } from './assignment/conversation-routing.js';
import { QueueDrain } from './assignment/queue-drain.js';
import { SerialWork } from './assignment/serial-work.js';
import { StrandedAssignmentRecovery } from './assignment/stranded-assignment-recovery.js';
import { AcceptOfferHandler } from './conversations/accept/accept.handler.js';
import { AcceptOfferHttp } from './conversations/accept/accept.http.js';
import { CloseConversationHandler } from './conversations/close/close.handler.js';
import { CloseConversationHttp } from './conversations/close/close.http.js';
import { ConversationHttp } from './conversations/conversation-http.js';
import { ConversationLifecycle } from './conversations/conversation-lifecycle.js';
import { DeclineOfferHandler } from './conversations/decline/decline.handler.js';
import { DeclineOfferHttp } from './conversations/decline/decline.http.js';
import { GetConversationHandler } from './conversations/get-conversation/get-conversation.handler.js';
import { GetConversationHttp } from './conversations/get-conversation/get-conversation.http.js';
import { QueueConversationHandler } from './conversations/queue/queue.handler.js';
import { QueueConversationHttp } from './conversations/queue/queue.http.js';
import { TransferConversationHandler } from './conversations/transfer/transfer.handler.js';
import { TransferConversationHttp } from './conversations/transfer/transfer.http.js';
import { RoutingHealthController } from './health/routing-health.controller.js';
import { RoutingReadiness } from './health/routing-readiness.js';
import { AvailabilityConsumer } from './inputs/availability-consumer.js';
import { ConversationSubscription } from './inputs/conversation-subscription.js';
import { RoutingStartup } from './inputs/routing-startup.js';
import { TeamSettingsSubscription } from './inputs/team-settings-subscription.js';
import { DeadlineSweep } from './offers/deadline-sweep.js';
import { DeadlineTimer } from './offers/deadline-timer.js';
import { GraceRequeue } from './offers/grace-requeue.js';
import { OfferAnswers } from './offers/offer-answers.js';
import { OfferEndings } from './offers/offer-endings.js';
import { Offering } from './offers/offering.js';
import { StrandedOfferRecovery } from './offers/stranded-offer-recovery.js';
import { GetTeamQueueHandler } from './queues/get-queue/get-queue.handler.js';
import { GetQueueHttp } from './queues/get-queue/get-queue.http.js';
import { RoutingClock } from './routing-clock.js';
import { ROUTING_CONFIG, type RoutingConfig } from './routing-config.js';
import { RoutingMetrics } from './routing-metrics.js';
import { RoutingState } from './routing-state.js';
import { AGENT_STREAMS, CONVERSATION_STREAMS, TEAM_STREAMS } from './streams.js';
import { GetTeamSettingsHandler } from './teams/get-settings/get-settings.handler.js';
import { GetTeamSettingsHttp } from './teams/get-settings/get-settings.http.js';
import { PutTeamSettingsHandler } from './teams/put-settings/put-settings.handler.js';
import { PutTeamSettingsHttp } from './teams/put-settings/put-settings.http.js';
import { GetTeamStatsHandler } from './teams/team-stats/team-stats.handler.js';
import { TeamStatsHttp } from './teams/team-stats/team-stats.http.js';
import { TeamStatsGauges } from './teams/team-stats/team-stats-gauges.js';

/** One entry per use case: its HTTP mapping and its command or query handler sit in one folder. */
const USE_CASES = {
  controllers: [
    QueueConversationHttp, TransferConversationHttp, CloseConversationHttp, AcceptOfferHttp, DeclineOfferHttp, GetConversationHttp,
    GetQueueHttp, PutTeamSettingsHttp, GetTeamSettingsHttp, TeamStatsHttp, RoutingHealthController,
  ],
  handlers: [
    QueueConversationHandler, TransferConversationHandler, CloseConversationHandler, AcceptOfferHandler, DeclineOfferHandler,
    GetConversationHandler, GetTeamQueueHandler, PutTeamSettingsHandler, GetTeamSettingsHandler, GetTeamStatsHandler,
  ],
};

/** Routing's machinery: the view and its inputs, assignment, offers and their deadlines, recovery after a crash. */
const MACHINERY = [
  RoutingState, RoutingMetrics, SerialWork, ConversationAssignment, ConversationRouting, StrandedAssignmentRecovery, QueueDrain,
  Offering, OfferAnswers, OfferEndings, GraceRequeue, StrandedOfferRecovery, DeadlineTimer, DeadlineSweep,
  ConversationLifecycle, ConversationHttp, AvailabilityConsumer, ConversationSubscription, TeamSettingsSubscription, RoutingStartup,
  RoutingReadiness, StoreHealth, TeamStatsGauges,
];

export interface RoutingConnections {
  readonly store: EventStore;
  readonly bus: MessageBus;
  /** The clock offer deadlines and grace periods are decided by; the system's unless a test brings its own. */
  readonly clock?: RoutingClock;
}

@Module({})
export class RoutingModule {
  /**
   * Store and bus come from the caller and are not closed here: the
   * standalone app shares them with presence, which owns their lifecycle.
   */
  static forRoot(config: RoutingConfig, { store, bus, clock }: RoutingConnections): DynamicModule {
    return {
      module: RoutingModule,
      imports: [CqrsModule.forRoot()],
      controllers: USE_CASES.controllers,
      providers: [
        { provide: ROUTING_CONFIG, useValue: config },
        { provide: RoutingClock, useValue: clock ?? new RoutingClock() },
        { provide: EVENT_STORE, useFactory: (metrics?: Metrics) => instrumentedStore(store, metrics), inject: [{ token: Metrics, optional: true }] },
        { provide: MESSAGE_BUS, useValue: bus },
        runnerStorageProvider(store),
        runnerFor(AGENT_STREAMS, presenceDecider, 'routing'),
        runnerFor(CONVERSATION_STREAMS, conversationDecider, 'routing'),
        runnerFor(TEAM_STREAMS, teamRoutingDecider, 'routing'),
        ...MACHINERY,
        ...USE_CASES.handlers,
      ],
      exports: [RoutingState, RoutingStartup, AvailabilityConsumer],
    };
  }
}
