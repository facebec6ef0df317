import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { configurationOrExit, presenceConfigFrom } from './config/presence-config.js';
import { createEventStore } from './infrastructure/event-store-factory.js';
import { createMessageBus } from './infrastructure/message-bus-factory.js';
import { createHttpApp, serve } from './presence-app.js';
import { PresenceModule } from './presence.module.js';

/** The presence app on its own (production shape: EventStoreDB, Kafka relay in front of routing). */
const [config] = configurationOrExit(() => presenceConfigFrom(process.env));
const store = await createEventStore(config);
const bus = createMessageBus(config);

@Module({ imports: [PresenceModule.forRoot(config, { store, bus })] })
class PresenceAppModule {}

const app = await createHttpApp(PresenceAppModule, config);
await serve(app, config, (url) => `presence: listening on ${url} with the ${config.eventStore} event store`);
