import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { PresenceConfig } from './config/presence-config.js';
import { requestValidationPipe } from './http/request-errors.js';

export const openApiDocument = (app: INestApplication): OpenAPIObject =>
  SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Agent presence and routing')
    .setDescription('Event-sourced agent status, supervisor overrides, audit history, the live floor and conversation routing.')
    .setVersion('1')
    .build());

/**
 * Builds a ready-to-listen app around `rootModule`: body limits, validation,
 * the OpenAPI document at /v1/openapi.json, shutdown hooks. Shared by every
 * entry point and by the end-to-end tests, so they exercise the real edge.
 */
export const createHttpApp = async (rootModule: Type | ReturnType<() => object>, config: PresenceConfig): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as Type, {
    bodyParser: false,
    bufferLogs: false,
    logger: process.env.LOG_LEVEL === 'silent' ? false : ['log', 'warn', 'error'],
  });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.disable('x-powered-by');
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  const document = openApiDocument(app);
  (app.getHttpAdapter().getInstance() as Express).get('/v1/openapi.json', (_request: Request, response: Response) => {
    response.json(document);
  });
  return app;
};
