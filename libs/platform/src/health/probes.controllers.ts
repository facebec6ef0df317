import { Controller, Get, Header, HttpCode, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard.js';
import { Metrics } from '../observability/metrics.js';
import { HealthChecks } from './health-checks.js';

/** Liveness and readiness for orchestrators, beside /health (kept for compatibility) and /health/routing. */
@ApiTags('health')
@Controller('health')
export class ProbesController {
  constructor(private readonly health: HealthCheckService, private readonly checks: HealthChecks) {}

  @Get('live')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: 200 while the process answers (restart it when this fails)' })
  live() {
    return this.health.check([async () => ({ process: { status: 'up' as const, uptimeSeconds: Math.round(process.uptime()) } })]);
  }

  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: 200 when the store (and the broker, with Kafka) answers and projections, the relay and routing are caught up; 503 with the failing checks otherwise' })
  async ready(@Res({ passthrough: true }) response: Response) {
    try {
      return await this.health.check(this.checks.all());
    } catch (error) {
      // Terminus's own JSON, not the app's error envelope: probes and operators read the per-check details.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
  }
}

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
