import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { Metrics } from '@app/platform';

/** Routing's own metrics, `routing_*`, in the app's registry (its commands count in `routing_commands_total`). */
@Injectable()
export class RoutingMetrics {
  readonly queueLength: Gauge<'team'>;
  readonly assignments: Counter<'team'>;
  readonly offers: Counter<'team' | 'outcome'>;

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
  }
}
