import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus } from '@app/messaging';
import { Metrics, StoreHealth, instrumentedStore, runnerFor, runnerStorageProvider } from '@app/platform';
import { presenceDecider, statusReasonDecider } from '@app/presence-domain';
import { AgentCommandAnswer } from './agents/agent-command-answer.js';
import { AGENT_STREAMS } from './agents/agent-streams.js';
import { AgentTeams } from './agents/agent-teams.js';
import { AgentViews } from './agents/agent-views.js';
import { GetAgentHandler } from './agents/get-agent/get-agent.handler.js';
import { GetAgentHttp } from './agents/get-agent/get-agent.http.js';
import { HeartbeatHttp } from './agents/heartbeat/heartbeat.http.js';
import { HoldSessionHttp } from './agents/hold-session/hold-session.http.js';
import { offerSessionSource } from './agents/hold-session/offer-session-source.js';
import { SessionHub } from './agents/hold-session/session-hub.js';
import { SESSION_MESSAGE_SOURCES, type SessionMessageSource } from './agents/hold-session/session-messages.js';
import { ListAgentsHandler } from './agents/list-agents/list-agents.handler.js';
import { ListAgentsHttp } from './agents/list-agents/list-agents.http.js';
import { OverrideAgentStatusHandler } from './agents/override-status/override-status.handler.js';
import { OverrideStatusHttp } from './agents/override-status/override-status.http.js';
import { PutAgentProfileHandler } from './agents/put-profile/put-profile.handler.js';
import { PutProfileHttp } from './agents/put-profile/put-profile.http.js';
import { SetAgentStatusHandler } from './agents/set-status/set-status.handler.js';
import { SetStatusHttp } from './agents/set-status/set-status.http.js';
import { GetStatusHistoryHandler } from './agents/status-history/status-history.handler.js';
import { StatusHistoryHttp } from './agents/status-history/status-history.http.js';
import { VerifyHistoryHandler } from './agents/verify-history/verify-history.handler.js';
import { VerifyHistoryHttp } from './agents/verify-history/verify-history.http.js';
import { FloorStreamHttp } from './floor/floor-stream/floor-stream.http.js';
import { GetFloorHandler } from './floor/get-floor/get-floor.handler.js';
import { GetFloorHttp } from './floor/get-floor/get-floor.http.js';
import { HealthController } from './health/health.controller.js';
import { PresenceReadiness } from './health/presence-readiness.js';
import { PRESENCE_CONFIG, type PresenceConfig } from './presence-config.js';
import { PresenceMetrics } from './presence-metrics.js';
import { AvailabilityProjection } from './read-model/availability-projection.js';
import { AvailabilityReadModel } from './read-model/availability-read-model.js';
import { AvailabilityRelay } from './relay/availability-relay.js';
import { ConnectionTracking } from './connections/connection-tracking.js';
import { ConsoleModule } from './console/console.module.js';
import { RelayCheckpoint } from './relay/relay-checkpoint.js';
import { GetTimeInStatusHandler } from './reports/time-in-status/time-in-status.handler.js';
import { TimeInStatusHttp } from './reports/time-in-status/time-in-status.http.js';
import { TimeInStatusReadModel } from './reports/time-in-status.projection.js';
import { StoreLifecycle } from './store-lifecycle.js';
import { ListStatusReasonsHandler } from './status-reasons/list-status-reasons/list-status-reasons.handler.js';
import { ListStatusReasonsHttp } from './status-reasons/list-status-reasons/list-status-reasons.http.js';
import { PutStatusReasonHandler } from './status-reasons/put-status-reason/put-status-reason.handler.js';
import { PutStatusReasonHttp } from './status-reasons/put-status-reason/put-status-reason.http.js';
import { StatusReasonLabels } from './status-reasons/status-reason-labels.js';
import { STATUS_REASON_STREAMS, StatusReasonCatalogueReader } from './status-reasons/status-reason-streams.js';

/** One entry per use case: its HTTP mapping and its command or query handler sit in one folder. */
const USE_CASES = {
  controllers: [
    PutProfileHttp, SetStatusHttp, OverrideStatusHttp, GetAgentHttp, ListAgentsHttp, StatusHistoryHttp,
    GetFloorHttp, FloorStreamHttp, HealthController, PutStatusReasonHttp, ListStatusReasonsHttp, VerifyHistoryHttp, TimeInStatusHttp,
    HoldSessionHttp, HeartbeatHttp,
  ],
  handlers: [
    PutAgentProfileHandler, SetAgentStatusHandler, OverrideAgentStatusHandler,
    GetAgentHandler, ListAgentsHandler, GetStatusHistoryHandler, GetFloorHandler, PutStatusReasonHandler, ListStatusReasonsHandler,
    VerifyHistoryHandler, GetTimeInStatusHandler,
  ],
};

/** What the caller of PresenceModule.forRoot provides. */
export interface PresenceWiring {
  readonly store: EventStore;
  readonly bus: MessageBus;
  readonly dataDir: string;
  /** Messages the agents' session streams carry besides their availability; default: offers. */
  readonly sessionMessageSources?: readonly SessionMessageSource[];
}

@Module({})
export class PresenceModule {
  /** Store and bus are created by the caller, so tests and the standalone app choose and share them. */
  static forRoot(config: PresenceConfig, { store, bus, dataDir, sessionMessageSources = [offerSessionSource] }: PresenceWiring): DynamicModule {
    return {
      module: PresenceModule,
      imports: [CqrsModule.forRoot(), ConsoleModule],
      controllers: USE_CASES.controllers,
      providers: [
        { provide: PRESENCE_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: (metrics?: Metrics) => instrumentedStore(store, metrics), inject: [{ token: Metrics, optional: true }] },
        { provide: MESSAGE_BUS, useValue: bus },
        runnerStorageProvider(store),
        { provide: RelayCheckpoint, useFactory: () => new RelayCheckpoint(join(dataDir, 'relay.sqlite')) },
        { provide: AvailabilityReadModel, useFactory: () => new AvailabilityReadModel(join(dataDir, 'read-model.sqlite')) },
        runnerFor(AGENT_STREAMS, presenceDecider, 'presence'),
        runnerFor(STATUS_REASON_STREAMS, statusReasonDecider, 'presence'), StatusReasonCatalogueReader,
        { provide: SESSION_MESSAGE_SOURCES, useValue: sessionMessageSources },
        StatusReasonLabels, ConnectionTracking, AgentViews, SessionHub,
        AvailabilityRelay, AvailabilityProjection, TimeInStatusReadModel, AgentCommandAnswer, AgentTeams,
        PresenceMetrics, PresenceReadiness, StoreHealth, StoreLifecycle,
        ...USE_CASES.handlers,
      ],
      exports: [EVENT_STORE, MESSAGE_BUS, PRESENCE_CONFIG, AvailabilityProjection, AvailabilityReadModel, AvailabilityRelay, ConnectionTracking],
    };
  }
}
