import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, formatPosition, type EventStore, type GlobalPosition } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus } from '@app/messaging';
import { AGENT_STREAM_PREFIX } from '@app/presence-domain';
import { RoutingState } from '../../../routing/src/conversations/routing-state.js';
import { RoutingStartup } from '../../../routing/src/inputs/routing-startup.js';
import { PRESENCE_CONFIG, type PresenceConfig } from '../config/presence-config.js';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import { AvailabilityRelay } from '../relay/availability-relay.js';
import { Metrics } from './metrics.js';

/** Events counted behind a checkpoint at most: enough to tell "a little" from "a lot", cheap to read. */
export const LAG_COUNT_CAP = 1000;
const PROBE_TIMEOUT_MS = 2000;

export interface Lag {
  /** Agent events after the checkpoint (capped at LAG_COUNT_CAP). */
  readonly events: number;
  /** Age of the oldest of them, 0 when there is none. */
  readonly ms: number;
}

const withTimeout = <T>(what: string, promise: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });

/**
 * What /health/ready and the lag gauges ask. The HTTP app's root holds it,
 * so it finds whatever the app runs (presence, routing, or both) by looking
 * the parts up, and checks only those.
 */
@Injectable()
export class Readiness implements OnApplicationBootstrap {
  private store: EventStore | undefined;
  private bus: MessageBus | undefined;
  private projection: AvailabilityProjection | undefined;
  private relay: AvailabilityRelay | undefined;
  private routingStartup: RoutingStartup | undefined;
  private routingState: RoutingState | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly indicators: HealthIndicatorService,
    private readonly metrics: Metrics,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.store = this.find<EventStore>(EVENT_STORE);
    this.bus = this.find<MessageBus>(MESSAGE_BUS);
    this.projection = this.find(AvailabilityProjection);
    this.relay = this.find(AvailabilityRelay);
    this.routingStartup = this.find(RoutingStartup);
    this.routingState = this.find(RoutingState);
    this.metrics.addSource(() => this.updateGauges());
  }

  /** The checks /health/ready runs, as terminus indicator functions. */
  checks(): (() => Promise<HealthIndicatorResult>)[] {
    const checks: (() => Promise<HealthIndicatorResult>)[] = [];
    if (this.store) checks.push(() => this.eventStore());
    if (this.bus && this.config.messageBus === 'kafka') checks.push(() => this.broker());
    if (this.projection) checks.push(() => this.projectionCaughtUp());
    if (this.relay && this.config.relayEnabled) checks.push(() => this.relayCaughtUp());
    if (this.routingStartup && this.routingState) checks.push(() => this.routing());
    return checks;
  }

  /** How far behind the store's agent events a checkpoint is. */
  async lagAfter(checkpoint: GlobalPosition | undefined): Promise<Lag> {
    const behind = await this.store!.readAll({ after: checkpoint, streamPrefixes: [AGENT_STREAM_PREFIX], maxCount: LAG_COUNT_CAP });
    return { events: behind.length, ms: behind.length === 0 ? 0 : Math.max(0, Date.now() - behind[0].recordedAt.getTime()) };
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('eventStore');
    try {
      const head = await withTimeout('the event store', this.store!.headPosition());
      return check.up({ head: head ? formatPosition(head) : null });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async broker(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('broker');
    try {
      await withTimeout('the broker', this.bus!.ping());
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async projectionCaughtUp(): Promise<HealthIndicatorResult> {
    return this.caughtUp('projection', this.projection!.checkpoint, this.projection!.error?.message);
  }

  private async relayCaughtUp(): Promise<HealthIndicatorResult> {
    const status = this.relay!.status;
    return this.caughtUp('relay', this.relay!.position, status.running ? status.error ?? undefined : 'the relay is not running');
  }

  private async caughtUp(key: string, checkpoint: GlobalPosition | undefined, failure: string | undefined): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(key);
    const position = checkpoint ? formatPosition(checkpoint) : null;
    if (failure) return check.down({ message: failure, checkpoint: position });
    try {
      const lag = await withTimeout(`the event store (${key} lag)`, this.lagAfter(checkpoint));
      const details = { checkpoint: position, lagEvents: lag.events, lagMs: lag.ms, maxLagMs: this.config.readyMaxProjectionLagMs };
      return lag.ms <= this.config.readyMaxProjectionLagMs ? check.up(details) : check.down({ message: `${key} is behind the event store`, ...details });
    } catch (error) {
      return check.down({ message: (error as Error).message, checkpoint: position });
    }
  }

  private async routing(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('routing');
    const error = this.routingStartup!.error;
    if (error) return check.down({ message: error });
    return this.routingState!.caughtUp ? check.up({ agents: this.routingState!.view.agentCount })
      : check.down({ message: 'routing is still catching up with the availability topic and the conversation streams' });
  }

  private async updateGauges(): Promise<void> {
    if (this.routingState) {
      this.metrics.queueLength.reset();
      for (const [team, length] of this.routingState.view.queueLengths()) this.metrics.queueLength.set({ team }, length);
    }
    if (!this.store) return;
    if (this.projection) {
      const lag = await this.lagAfter(this.projection.checkpoint);
      this.metrics.projectionLagEvents.set(lag.events);
      this.metrics.projectionLagSeconds.set(lag.ms / 1000);
    }
    if (this.relay && this.config.relayEnabled) this.metrics.relayLagEvents.set((await this.lagAfter(this.relay.position)).events);
  }

  private find<T>(token: unknown): T | undefined {
    try {
      return this.moduleRef.get(token as never, { strict: false }) as T;
    } catch {
      return undefined;
    }
  }
}
