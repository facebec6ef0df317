import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { presenceConfigFrom } from '../apps/presence/src/config/presence-config.js';
import { createEventStore } from '../apps/presence/src/infrastructure/event-store-factory.js';
import { createMessageBus } from '../apps/presence/src/infrastructure/message-bus-factory.js';
import { AuthModule } from '../apps/presence/src/auth/auth.module.js';
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
  const config = presenceConfigFrom({ PORT: '0', HOST: '127.0.0.1', ...env });
  const store = await createEventStore(config);
  const bus = createMessageBus(config);

  @Module({ imports: [AuthModule.forRoot(config), PresenceModule.forRoot(config, { store, bus })] })
  class BenchModule {}

  const context = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'], abortOnError: false });
  context.enableShutdownHooks();
  return { commands: context.get(CommandBus), context, close: () => context.close() };
};
