import 'reflect-metadata';
import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { configurationOrExit, presenceConfigFrom } from '../../presence/src/config/presence-config.js';
import { createEventStore } from '../../presence/src/infrastructure/event-store-factory.js';
import { createMessageBus } from '../../presence/src/infrastructure/message-bus-factory.js';
import { createHttpApp, serve } from '../../presence/src/presence-app.js';
import { routingConfigFrom } from './config/routing-config.js';
import { RoutingModule } from './routing.module.js';

/**
 * The routing app on its own (production shape: EventStoreDB, availability
 * from Kafka). Reads the same settings as presence (PORT, EVENT_STORE,
 * MESSAGE_BUS, KAFKA_BROKERS, ...) plus AVAILABILITY_TOPIC and ROUTING_POLICY.
 */
// Alone, routing hears availability only from a broker (the in-process bus has no relay here): Kafka when brokers are given.
const env = { MESSAGE_BUS: process.env.KAFKA_BROKERS ? 'kafka' : undefined, ...process.env };
const [config, routing] = configurationOrExit(() => presenceConfigFrom(env), () => routingConfigFrom(env));
const store = await createEventStore(config);
const bus = createMessageBus(config);

/** Alone, routing owns the store and the bus, so it closes them after its inputs stopped. */
@Injectable()
class ConnectionsLifecycle implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await bus.close();
    await store.close();
  }
}

@Module({ imports: [RoutingModule.forRoot(routing, { store, bus })], providers: [ConnectionsLifecycle] })
class RoutingAppModule {}

const app = await createHttpApp(RoutingAppModule, config);
await serve(app, config, (url) => `routing: listening on ${url} with the ${config.eventStore} event store and the ${config.messageBus} bus`);
