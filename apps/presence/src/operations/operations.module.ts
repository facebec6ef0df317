import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PRESENCE_CONFIG, type PresenceConfig } from '../config/presence-config.js';
import { Metrics } from './metrics.js';
import { MetricsController, ProbesController } from './operations.controllers.js';
import { Readiness } from './readiness.js';

/**
 * Operability for every HTTP app: /health/live, /health/ready, /metrics and
 * the app's Metrics (global, so presence, routing and auth count into it).
 */
@Global()
@Module({})
export class OperationsModule {
  static forRoot(config: PresenceConfig): DynamicModule {
    return {
      module: OperationsModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [ProbesController, MetricsController],
      providers: [{ provide: PRESENCE_CONFIG, useValue: config }, Metrics, Readiness],
      exports: [Metrics],
    };
  }
}
