import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

export type HealthCheck = () => Promise<HealthIndicatorResult>;

const PROBE_TIMEOUT_MS = 2000;

export const withTimeout = <T>(what: string, promise: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });

/**
 * The checks /health/ready runs. Each module registers its own when it starts
 * (the store, the broker, the projection, the relay, routing's inputs), so the
 * probe checks exactly what this process runs and no app looks up another's
 * classes. A check registered twice under one name (two apps in one process
 * sharing the store) runs once.
 */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(readonly indicators: HealthIndicatorService) {}

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  all(): HealthCheck[] {
    return [...this.checks.values()];
  }

  /** Runs `probe` (bounded by a timeout): up with its details, or down with its error. */
  async probe(name: string, probe: () => Promise<Record<string, unknown> | void>): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(name);
    try {
      return check.up((await withTimeout(name, probe())) ?? undefined);
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
