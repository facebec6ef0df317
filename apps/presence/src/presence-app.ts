import { type INestApplication, Module, type Type } from '@nestjs/common';
import helmet from 'helmet';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AuthModule } from './auth/auth.module.js';
import type { PresenceConfig } from './config/presence-config.js';
import { ErrorFilter } from './http/error-filter.js';
import { requestValidationPipe } from './http/request-errors.js';

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
 * /v1/openapi.json, shutdown hooks. Shared by every
 * entry point and by the end-to-end tests, so they exercise the real edge.
 */
export const createHttpApp = async (rootModule: Type, config: PresenceConfig): Promise<NestExpressApplication> => {
  @Module({ imports: [AuthModule.forRoot(config), rootModule], providers: [{ provide: APP_FILTER, useClass: ErrorFilter }] })
  class HttpAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(HttpAppModule, {
    bodyParser: false,
    bufferLogs: false,
    logger: process.env.LOG_LEVEL === 'silent' ? false : ['log', 'warn', 'error'],
  });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  const document = openApiDocument(app);
  (app.getHttpAdapter().getInstance() as Express).get('/v1/openapi.json', (_request: Request, response: Response) => {
    response.json(document);
  });
  return app;
};
