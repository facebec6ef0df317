import { type INestApplication, Module, type Type } from '@nestjs/common';
import helmet from 'helmet';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AuthModule } from '../auth/auth.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ErrorFilter } from '../http/error-filter.js';
import { requestValidationPipe } from '../http/request-errors.js';
import { correlationMiddleware } from '../observability/correlation.js';
import { shutDownOnSignals } from './graceful-shutdown.js';
import { JsonLogger } from '../observability/json-logger.js';
import { Metrics } from '../observability/metrics.js';
import { OperationsModule } from '../health/operations.module.js';
import { RequestTracker } from '../observability/request-log.js';

const trackers = new WeakMap<INestApplication, RequestTracker>();

export const openApiDocument = (app: INestApplication): OpenAPIObject =>
  SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Agent presence and routing')
    .setDescription('Event-sourced agent status, supervisor overrides, audit history, the live floor and conversation routing.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build());

/**
 * Builds a ready-to-listen app around `rootModule`: authentication and rate
 * limits, security headers, body limits, validation, the OpenAPI document at
 * /v1/openapi.json, JSON logs with correlation ids, /health/live,
 * /health/ready and /metrics. Shared by every
 * entry point and by the end-to-end tests, so they exercise the real edge.
 */
export const createHttpApp = async (rootModule: Type, config: AppConfig): Promise<NestExpressApplication> => {
  @Module({ imports: [OperationsModule.forRoot(config), AuthModule.forRoot(config), rootModule], providers: [{ provide: APP_FILTER, useClass: ErrorFilter }] })
  class HttpAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(HttpAppModule, {
    bodyParser: false,
    bufferLogs: false,
    // LOG_LEVEL=silent in the process environment wins (the test helpers set it there, not in their config).
    logger: new JsonLogger(process.env.LOG_LEVEL === 'silent' ? 'silent' : config.logLevel),
  });
  const tracker = new RequestTracker(app.get(Metrics));
  trackers.set(app, tracker);
  app.use(correlationMiddleware);
  app.use(tracker.middleware);
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));
  app.useGlobalPipes(requestValidationPipe());
  const document = openApiDocument(app);
  (app.getHttpAdapter().getInstance() as Express).get('/v1/openapi.json', (_request: Request, response: Response) => {
    response.json(document);
  });
  return app;
};

/**
 * Listens, prints where (scripts and tests wait for that line, printed even
 * with LOG_LEVEL=silent), and shuts down gracefully on SIGTERM/SIGINT.
 */
export const serve = async (app: NestExpressApplication, config: AppConfig, banner: (url: string) => string): Promise<void> => {
  await app.listen(config.port, config.host);
  shutDownOnSignals(app, trackers.get(app)!, config);
  process.stdout.write(`${banner(await app.getUrl())}\n`);
};
