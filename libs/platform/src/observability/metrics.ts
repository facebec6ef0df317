import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Async sources the gauges read on every scrape (lags need the store; queues need routing's view). */
export type GaugeSource = () => void | Promise<void>;

/**
 * The Prometheus registry of one HTTP app (not prom-client's global one, so
 * several apps in one process never collide) and the metrics of the shared
 * edge: requests, authentication and authorization refusals, event store
 * appends. Each app adds its own metrics, named after it (`presence_*`,
 * `routing_*`), to this registry. Served at GET /metrics.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly sources: GaugeSource[] = [];

  readonly appendSeconds = new Histogram({
    name: 'event_store_append_seconds',
    help: 'Latency of event store appends, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly authDenials = new Counter({
    name: 'auth_denials_total',
    help: 'Requests refused by authentication (401, action "authenticate", by reason; 429 when an address failed too often) or authorization (403, by action)',
    labelNames: ['status', 'action', 'reason'] as const,
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A counter of commands run by one app, `<app>_commands_total`, by command type and outcome. */
  commandCounter(app: string): CommandCounter {
    const name = `${app}_commands_total`;
    const existing = this.registry.getSingleMetric(name) as CommandCounter | undefined;
    return existing ?? new Counter({
      name,
      help: `Commands ${app} ran against event streams, by command type and outcome (rejected: code is the domain error code)`,
      labelNames: ['type', 'outcome', 'code'] as const,
      registers: [this.registry],
    });
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

/** Outcome label of `<app>_commands_total`. */
export type CommandOutcomeLabel = 'ok' | 'noop' | 'replayed' | 'rejected' | 'conflict' | 'unavailable' | 'error';

export type CommandCounter = Counter<'type' | 'outcome' | 'code'>;
