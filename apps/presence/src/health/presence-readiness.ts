import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, formatPosition, type EventStore, type GlobalPosition } from '@app/event-store';
import { HealthChecks, withTimeout } from '@app/platform';
import { AGENT_STREAM_PREFIX } from '@app/presence-domain';
import { PRESENCE_CONFIG, type PresenceConfig } from '../presence-config.js';
import { PresenceMetrics } from '../presence-metrics.js';
import { AvailabilityProjection } from '../read-model/availability-projection.js';
import { AvailabilityRelay } from '../relay/availability-relay.js';

/** Events counted behind a checkpoint at most: enough to tell "a little" from "a lot", cheap to read. */
export const LAG_COUNT_CAP = 1000;

export interface Lag {
  /** Agent events after the checkpoint (capped at LAG_COUNT_CAP). */
  readonly events: number;
  /** Age of the oldest of them, 0 when there is none. */
  readonly ms: number;
}

/** Registers presence's readiness checks (projection, relay) and its lag gauges. */
@Injectable()
export class PresenceReadiness implements OnModuleInit {
  constructor(
    private readonly checks: HealthChecks,
    private readonly metrics: PresenceMetrics,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
    private readonly projection: AvailabilityProjection,
    private readonly relay: AvailabilityRelay,
  ) {}

  onModuleInit(): void {
    this.checks.register('projection', () => this.caughtUp('projection', this.projection.checkpoint, this.projection.error?.message));
    if (this.config.relayEnabled) {
      this.checks.register('relay', () => {
        const status = this.relay.status;
        return this.caughtUp('relay', this.relay.position, status.error ?? (status.running ? undefined : 'the relay is not running'));
      });
    }
    this.metrics.metrics.addSource(() => this.updateGauges());
  }

  /** How far behind the store's agent events a checkpoint is. */
  async lagAfter(checkpoint: GlobalPosition | undefined): Promise<Lag> {
    const behind = await this.store.readAll({ after: checkpoint, streamPrefixes: [AGENT_STREAM_PREFIX], maxCount: LAG_COUNT_CAP });
    return { events: behind.length, ms: behind.length === 0 ? 0 : Math.max(0, Date.now() - behind[0].recordedAt.getTime()) };
  }

  private async caughtUp(key: string, checkpoint: GlobalPosition | undefined, failure: string | undefined): Promise<HealthIndicatorResult> {
    const check = this.checks.indicators.check(key);
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

  private async updateGauges(): Promise<void> {
    const lag = await this.lagAfter(this.projection.checkpoint);
    this.metrics.projectionLagEvents.set(lag.events);
    this.metrics.projectionLagSeconds.set(lag.ms / 1000);
    if (this.config.relayEnabled) this.metrics.relayLagEvents.set((await this.lagAfter(this.relay.position)).events);
  }
}
