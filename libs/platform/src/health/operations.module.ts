import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics.js';
import { HealthChecks } from './health-checks.js';
import { MetricsController, ProbesController } from './probes.controllers.js';

/**
 * Operability for every HTTP app: /health/live, /health/ready (the checks
 * its modules register), /metrics, and the app's Metrics. Global, so every
 * module counts into one registry and registers its own checks.
 */
@Global()
@Module({})
export class OperationsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: OperationsModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [ProbesController, MetricsController],
      providers: [{ provide: APP_CONFIG, useValue: config }, Metrics, HealthChecks],
      exports: [Metrics, HealthChecks, APP_CONFIG],
    };
  }
}
