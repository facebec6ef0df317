import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, RUNNER_STORAGE, runnerStorageFor, type EventStore } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus } from '@app/messaging';
import { instrumentedStore } from '../../presence/src/operations/instrumented-event-store.js';
import { Metrics } from '../../presence/src/operations/metrics.js';
import { PresenceCommandRunner } from '../../presence/src/agents/presence-command-runner.js';
import { ROUTING_CONFIG, type RoutingConfig } from './config/routing-config.js';
import { ConversationAssignment } from './conversations/conversation-assignment.js';
import { ConversationCommandRunner } from './conversations/conversation-command-runner.js';
import { ConversationLifecycle } from './conversations/conversation-lifecycle.js';
import { QueueDrain } from './conversations/queue-drain.js';
import { ROUTING_COMMAND_HANDLERS } from './conversations/routing-commands.js';
import { ROUTING_QUERY_HANDLERS } from './conversations/routing-queries.js';
import { RoutingState } from './conversations/routing-state.js';
import { SerialWork } from './conversations/serial-work.js';
import { StrandedAssignmentRecovery } from './conversations/stranded-assignment-recovery.js';
import { RoutingHealthController } from './health/routing-health.controller.js';
import { ConversationsController } from './http/conversations.controller.js';
import { QueuesController } from './http/queues.controller.js';
import { AvailabilityConsumer } from './inputs/availability-consumer.js';
import { ConversationSubscription } from './inputs/conversation-subscription.js';
import { RoutingStartup } from './inputs/routing-startup.js';

@Module({})
export class RoutingModule {
  /**
   * Store and bus come from the caller and are not closed here: the
   * standalone app shares them with presence, which owns their lifecycle.
   */
  static forRoot(config: RoutingConfig, { store, bus }: { store: EventStore; bus: MessageBus }): DynamicModule {
    return {
      module: RoutingModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ConversationsController, QueuesController, RoutingHealthController],
      providers: [
        { provide: ROUTING_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: (metrics?: Metrics) => instrumentedStore(store, metrics), inject: [{ token: Metrics, optional: true }] },
        { provide: MESSAGE_BUS, useValue: bus },
        // From the bare store: records and snapshots in SQLite's side tables, or in their own EventStoreDB streams.
        { provide: RUNNER_STORAGE, useFactory: () => runnerStorageFor(store) },
        PresenceCommandRunner,
        ConversationCommandRunner,
        RoutingState,
        SerialWork,
        ConversationAssignment,
        StrandedAssignmentRecovery,
        QueueDrain,
        ConversationLifecycle,
        AvailabilityConsumer,
        ConversationSubscription,
        RoutingStartup,
        ...ROUTING_COMMAND_HANDLERS,
        ...ROUTING_QUERY_HANDLERS,
      ],
      exports: [RoutingState, RoutingStartup, AvailabilityConsumer],
    };
  }
}
