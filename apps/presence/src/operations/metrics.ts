import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Outcome label of `commands_total`. */
export type CommandOutcomeLabel = 'ok' | 'noop' | 'replayed' | 'rejected' | 'conflict' | 'unavailable' | 'error';

/** Async sources the gauges read on every scrape (lags need the store; queues need routing's view). */
export type GaugeSource = () => void | Promise<void>;

/**
 * Every Prometheus metric of one HTTP app, in the app's own Registry (not
 * prom-client's global one), so several apps in one process (tests, the
 * standalone app's modules) never collide. Served at GET /metrics.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly sources: GaugeSource[] = [];

  readonly commands = new Counter({
    name: 'presence_commands_total',
    help: 'Commands run against agent and conversation streams, by command type and outcome (rejected: code is the domain error code)',
    labelNames: ['type', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly appendSeconds = new Histogram({
    name: 'presence_event_store_append_seconds',
    help: 'Latency of event store appends, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly projectionLagEvents = new Gauge({
    name: 'presence_projection_lag_events',
    help: 'Agent events in the store the availability read model has not applied yet (capped at 10000)',
    registers: [this.registry],
  });

  readonly projectionLagSeconds = new Gauge({
    name: 'presence_projection_lag_seconds',
    help: 'Age of the oldest agent event the availability read model has not applied yet (0 when caught up)',
    registers: [this.registry],
  });

  readonly relayLagEvents = new Gauge({
    name: 'presence_relay_lag_events',
    help: 'Agent events in the store the availability relay has not published yet (capped at 10000; absent when the relay is off)',
    registers: [this.registry],
  });

  readonly queueLength = new Gauge({
    name: 'routing_queue_length',
    help: 'Conversations waiting in each team queue (this routing instance\'s view)',
    labelNames: ['team'] as const,
    registers: [this.registry],
  });

  readonly assignments = new Counter({
    name: 'routing_assignments_total',
    help: 'Conversations assigned to an agent by this instance, by team',
    labelNames: ['team'] as const,
    registers: [this.registry],
  });

  readonly authDenials = new Counter({
    name: 'presence_auth_denials_total',
    help: 'Requests refused by authentication (401, action "authenticate", by reason) or authorization (403, by action)',
    labelNames: ['status', 'action', 'reason'] as const,
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'presence_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers a source run before every scrape (gauges read at scrape time, never stale). */
  addSource(source: GaugeSource): void {
    this.sources.push(source);
  }

  async scrape(): Promise<string> {
    await Promise.all(this.sources.map(async (source) => {
      try { await source(); } catch { /* a failing source leaves its gauges as they were; /health/ready says why */ }
    }));
    return this.registry.metrics();
  }
}
