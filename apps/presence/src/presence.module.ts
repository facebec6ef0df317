import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, RUNNER_STORAGE, runnerStorageFor, type EventStore } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus } from '@app/messaging';
import { instrumentedStore } from './operations/instrumented-event-store.js';
import { Metrics } from './operations/metrics.js';
import { PRESENCE_CONFIG, type PresenceConfig } from './config/presence-config.js';
import { PRESENCE_COMMAND_HANDLERS } from './agents/presence-commands.js';
import { PresenceCommandRunner } from './agents/presence-command-runner.js';
import { FloorFeedController } from './feed/floor-feed.controller.js';
import { HealthController } from './health/health.controller.js';
import { AgentsController } from './http/agents.controller.js';
import { FloorController } from './http/floor.controller.js';
import { AvailabilityProjection } from './read-model/availability-projection.js';
import { AvailabilityReadModel } from './read-model/availability-read-model.js';
import { PRESENCE_QUERY_HANDLERS } from './read-model/presence-queries.js';
import { StoreLifecycle } from './infrastructure/store-lifecycle.js';
import { AvailabilityRelay } from './relay/availability-relay.js';
import { RelayCheckpoint } from './relay/relay-checkpoint.js';

@Module({})
export class PresenceModule {
  /** Store and bus are created by the caller, so tests and the standalone app choose and share them. */
  static forRoot(config: PresenceConfig, { store, bus }: { store: EventStore; bus: MessageBus }): DynamicModule {
    return {
      module: PresenceModule,
      imports: [CqrsModule.forRoot()],
      controllers: [AgentsController, FloorController, FloorFeedController, HealthController],
      providers: [
        { provide: PRESENCE_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: (metrics?: Metrics) => instrumentedStore(store, metrics), inject: [{ token: Metrics, optional: true }] },
        { provide: MESSAGE_BUS, useValue: bus },
        // From the bare store: records and snapshots in SQLite's side tables, or in their own EventStoreDB streams.
        { provide: RUNNER_STORAGE, useFactory: () => runnerStorageFor(store) },
        { provide: RelayCheckpoint, useFactory: () => new RelayCheckpoint(join(config.dataDir, 'relay.sqlite')) },
        AvailabilityRelay,
        { provide: AvailabilityReadModel, useFactory: () => new AvailabilityReadModel(join(config.dataDir, 'read-model.sqlite')) },
        AvailabilityProjection,
        PresenceCommandRunner,
        StoreLifecycle,
        ...PRESENCE_COMMAND_HANDLERS,
        ...PRESENCE_QUERY_HANDLERS,
      ],
      exports: [EVENT_STORE, MESSAGE_BUS, PRESENCE_CONFIG, AvailabilityProjection, AvailabilityReadModel, AvailabilityRelay],
    };
  }
}
