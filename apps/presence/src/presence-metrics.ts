import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { Metrics } from '@app/platform';

/** Presence's own gauges, `presence_*`, in the app's registry (its commands count in `presence_commands_total`). */
@Injectable()
export class PresenceMetrics {
  readonly projectionLagEvents: Gauge;
  readonly projectionLagSeconds: Gauge;
  readonly relayLagEvents: Gauge;
  readonly connectionLosses: Counter<'status'>;
  readonly sessionsOpen: Gauge;

  constructor(readonly metrics: Metrics) {
    const registers = [metrics.registry];
    this.projectionLagEvents = new Gauge({
      name: 'presence_projection_lag_events', registers,
      help: 'Agent events in the store the availability read model has not applied yet (capped at 1000)',
    });
    this.projectionLagSeconds = new Gauge({
      name: 'presence_projection_lag_seconds', registers,
      help: 'Age of the oldest agent event the availability read model has not applied yet (0 when caught up)',
    });
    this.relayLagEvents = new Gauge({
      name: 'presence_relay_lag_events', registers,
      help: 'Agent events in the store the availability relay has not published yet (capped at 1000; absent when the relay is off)',
    });
    this.connectionLosses = new Counter({
      name: 'presence_connection_losses_total', registers, labelNames: ['status'],
      help: 'Agents this process set away or offline because their connection lapsed (a lapse another process appended first is not counted)',
    });
    this.sessionsOpen = new Gauge({
      name: 'presence_sessions_open', registers,
      help: 'Agent sessions (GET /v1/agents/{id}/session) this process holds open',
    });
  }
}
