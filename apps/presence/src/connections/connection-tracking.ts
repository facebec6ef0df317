import { randomUUID } from 'node:crypto';
import {
  Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit,
} from '@nestjs/common';
import { MESSAGE_BUS, type Consumer, type MessageBus } from '@app/messaging';
import { ConnectionTracker, observedStatusOf, type ConnectionSignal, type ConnectionView } from '@app/presence-domain';
import { AGENT_STREAMS, type AgentStreams } from '../agents/agent-streams.js';
import { PRESENCE_CONFIG, type PresenceConfig } from '../presence-config.js';
import { PresenceMetrics } from '../presence-metrics.js';
import type { AgentAvailability } from '../read-model/agent-availability.js';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import { AvailabilityReadModel } from '../read-model/availability-read-model.js';
import { ConnectionChanges } from './connection-changes.js';
import { ConnectionLossSweep } from './connection-loss-sweep.js';
import { ConnectionSignalBridge } from './connection-signal-bridge.js';
import { AgentSession } from './agent-session.js';

const TICK_MS = 1000;

/**
 * This process's part in following agents' connections: a ConnectionTracker
 * fed with every presence process's signals (over the bus) and with every
 * agent's status (from the availability projection), and once a second the
 * sweep that sets lapsed online agents to PRESENCE_TIMEOUT_STATUS through the
 * agent stream runner at the revision it saw. Sessions and heartbeats of this
 * process's clients enter here.
 */
@Injectable()
export class ConnectionTracking implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConnectionTracking.name);
  private readonly tracker: ConnectionTracker;
  private readonly bridge: ConnectionSignalBridge;
  private readonly sweep: ConnectionLossSweep | undefined;
  readonly changes: ConnectionChanges;
  private consumer: Consumer | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(AGENT_STREAMS) agents: AgentStreams,
    private readonly projection: AvailabilityProjection,
    private readonly readModel: AvailabilityReadModel,
    private readonly metrics: PresenceMetrics,
  ) {
    const { timeoutMs, startupGraceMs, signalAllowanceMs, signalTopic, timeoutStatus } = config.connections;
    this.tracker = new ConnectionTracker({ timeoutMs, startedAt: Date.now(), graceMs: startupGraceMs, signalDelayMs: signalAllowanceMs });
    this.changes = new ConnectionChanges(this.tracker);
    this.bridge = new ConnectionSignalBridge(bus, signalTopic, randomUUID(), (signal) => this.signal(signal));
    this.sweep = timeoutStatus === 'none' ? undefined
      : new ConnectionLossSweep(this.tracker, (command, revision) => agents.run(command, { expectedRevision: revision }), timeoutStatus);
  }

  onModuleInit(): void {
    this.projection.onApplied((agent) => this.observe(agent));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bridge.start();
    for (const agent of this.readModel.list()) this.observe(agent);
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.ticker);
    await this.ticking;
    await this.consumer?.stop();
  }

  /** Resolves once signals from the other processes reach this one (the bus consumer caught up). */
  get listening(): Promise<void> {
    return this.consumer?.caughtUp ?? Promise.reject(new Error('connection tracking has not started'));
  }

  /** Signals on the bus this process could not read (skipped). */
  get malformedSignals(): number {
    return this.bridge.malformedCount;
  }

  connectionOf(agentId: string): ConnectionView {
    return this.tracker.connectionOf(agentId, Date.now());
  }

  /** A heartbeat: the agent counts as connected for the timeout, on every presence process once the bus took it. */
  heartbeat(agentId: string): Promise<void> {
    return this.bridge.publish('heartbeat', agentId, new Date());
  }

  /** A session held open by this process until `close`; it repeats that it is open every third of the timeout. */
  openSession(agentId: string): AgentSession {
    return new AgentSession(agentId, randomUUID(), this.bridge, this.config.connections.timeoutMs / 3, this.metrics.sessionsOpen, this.logger);
  }

  private signal(signal: ConnectionSignal): void {
    this.tracker.signal(signal);
    this.changes.check(signal.agentId, Date.now());
  }

  private observe(agent: AgentAvailability): void {
    this.tracker.statusObserved(observedStatusOf({ kind: 'registered', ...agent }, agent.revision));
  }

  private tick(): void {
    if (this.ticking) return;
    const now = new Date();
    this.changes.checkLapsed(now.getTime());
    if (!this.sweep) return;
    this.ticking = this.sweep.sweep(now).then((report) => {
      if (report.changed.length > 0) this.metrics.connectionLosses.inc({ status: this.config.connections.timeoutStatus }, report.changed.length);
    }, (error: Error) => {
      this.logger.warn(`connection-loss sweep failed, trying again next tick: ${error.message}`);
    }).finally(() => {
      this.ticking = undefined;
    });
  }
}
