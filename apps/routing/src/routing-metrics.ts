import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { Metrics } from '@app/platform';

/** Routing's own metrics, `routing_*`, in the app's registry (its commands count in `routing_commands_total`). */
@Injectable()
export class RoutingMetrics {
  readonly queueLength: Gauge<'team'>;
  readonly assignments: Counter<'team'>;
  readonly offers: Counter<'team' | 'outcome'>;
  /** A team's live numbers (GET /v1/teams/{team}/stats), set at every scrape. */
  readonly team: {
    readonly agents: Gauge<'team' | 'status'>;
    readonly agentsConnected: Gauge<'team'>;
    readonly oldestWaitSeconds: Gauge<'team'>;
    readonly assignedNow: Gauge<'team'>;
    readonly offeredRecently: Gauge<'team'>;
    readonly assignedRecently: Gauge<'team'>;
    readonly waitSeconds: Gauge<'team' | 'quantile'>;
    readonly serviceLevel: Gauge<'team'>;
  };

  constructor(readonly metrics: Metrics) {
    const registers = [metrics.registry];
    this.queueLength = new Gauge({
      name: 'routing_queue_length', labelNames: ['team'] as const, registers,
      help: 'Conversations waiting in each team queue (this routing instance\'s view)',
    });
    this.assignments = new Counter({
      name: 'routing_assignments_total', labelNames: ['team'] as const, registers,
      help: 'Conversations assigned to an agent by this instance, by team',
    });
    this.offers = new Counter({
      name: 'routing_offers_total', labelNames: ['team', 'outcome'] as const, registers,
      help: 'Offers this instance made (outcome "offered") and ended (accepted, declined, expired, rescinded), by team',
    });
    const gauge = <Label extends string>(name: string, help: string, labelNames: readonly Label[]) =>
      new Gauge<Label>({ name: `routing_team_${name}`, help, labelNames, registers });
    this.team = {
      agents: gauge('agents', 'Agents of the team by status', ['team', 'status'] as const),
      agentsConnected: gauge('agents_connected', 'Agents of the team whose console is connected', ['team'] as const),
      oldestWaitSeconds: gauge('oldest_wait_seconds', 'How long the longest-waiting queued conversation has waited (absent when none waits)', ['team'] as const),
      assignedNow: gauge('assigned_now', 'Conversations of the team assigned to an agent now', ['team'] as const),
      offeredRecently: gauge('offered_15m', 'Conversations queued in or transferred to the team in the last 15 minutes', ['team'] as const),
      assignedRecently: gauge('assigned_15m', 'Conversations of the team assigned in the last 15 minutes', ['team'] as const),
      waitSeconds: gauge('wait_seconds', 'Wait of the conversations assigned in the last 15 minutes, by quantile 0.5 and 0.9 (absent when none)', ['team', 'quantile'] as const),
      serviceLevel: gauge('service_level', 'Share of the last 15 minutes\' assignments that waited at most SERVICE_LEVEL_SECONDS (absent when none)', ['team'] as const),
    };
  }
}
