import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { AuthModule, OperationsModule, appConfigFrom } from '@app/platform';
import { presenceConnections } from '../apps/presence/src/presence-app.js';
import { presenceConfigFrom } from '../apps/presence/src/presence-config.js';
import { PresenceModule } from '../apps/presence/src/presence.module.js';

export interface PresenceContext {
  readonly commands: CommandBus;
  readonly context: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * The presence module (with the auth module its controllers need) as apps/standalone wires it (store and bus from the same
 * factories and configuration, projection and relay running), in a Nest application context: no HTTP.
 */
export const startPresenceContext = async (env: Record<string, string>): Promise<PresenceContext> => {
  // No agent console holds a session in a bench: measure commands, not connection losses.
  const settings = { PORT: '0', HOST: '127.0.0.1', PRESENCE_TIMEOUT_STATUS: 'none', ...env };
  const app = appConfigFrom(settings);
  const presence = presenceConfigFrom(settings);
  const { store, bus } = await presenceConnections(app, presence);

  @Module({ imports: [OperationsModule.forRoot(app), AuthModule.forRoot(app), PresenceModule.forRoot(presence, { store, bus, dataDir: app.dataDir })] })
  class BenchModule {}

  const context = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'], abortOnError: false });
  context.enableShutdownHooks();
  return { commands: context.get(CommandBus), context, close: () => context.close() };
};
