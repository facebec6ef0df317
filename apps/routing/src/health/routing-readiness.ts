import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, StreamNotFoundError, type EventStore } from '@app/event-store';
import { HealthChecks } from '@app/platform';
import { agentStreamId } from '@app/presence-domain';
import { RoutingStartup } from '../inputs/routing-startup.js';
import { RoutingMetrics } from '../routing-metrics.js';
import { RoutingState } from '../routing-state.js';

/**
 * Registers routing's readiness check and queue gauges. Routing is ready once
 * its inputs caught up and the agents it hears of have their streams in its
 * event store: a routing process on a different store than presence (its own
 * SQLite DATA_DIR) sees agents over Kafka but could never assign one, and
 * says so here instead of reporting healthy.
 */
@Injectable()
export class RoutingReadiness implements OnModuleInit {
  private sharedStoreSeen = false;

  constructor(
    private readonly checks: HealthChecks,
    private readonly metrics: RoutingMetrics,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly startup: RoutingStartup,
    private readonly state: RoutingState,
  ) {}

  onModuleInit(): void {
    this.checks.register('routing', () => this.routing());
    this.metrics.metrics.addSource(() => {
      this.metrics.queueLength.reset();
      for (const [team, length] of this.state.view.queueLengths()) this.metrics.queueLength.set({ team }, length);
    });
  }

  private async routing(): Promise<HealthIndicatorResult> {
    const check = this.checks.indicators.check('routing');
    const error = this.startup.error;
    if (error) return check.down({ message: error });
    if (!this.state.caughtUp) return check.down({ message: 'routing is still catching up with the availability topic, the conversation streams and the team settings' });
    const problem = await this.storeProblem();
    if (problem) return check.down({ message: problem, agents: this.state.view.agentCount });
    return check.up({ agents: this.state.view.agentCount });
  }

  /** Whether an agent routing knows from the topic has its stream in this store (checked until it once does). */
  async storeProblem(): Promise<string | undefined> {
    if (this.sharedStoreSeen) return undefined;
    const [agentId] = this.state.view.agentIds();
    if (agentId === undefined) return undefined;
    try {
      await this.store.readStream(agentStreamId(agentId), { maxCount: 1 });
      this.sharedStoreSeen = true;
      return undefined;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
      return `agent ${agentId} is on the availability topic but its stream is not in this event store: `
        + 'routing must use the same event store as presence (the same DATA_DIR with SQLite, or EventStoreDB)';
    }
  }
}
