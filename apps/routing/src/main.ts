import 'reflect-metadata';
import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AVAILABILITY_TOPIC_SETTINGS } from '@app/contracts';
import {
  ConfigError, appConfigFrom, configurationOrExit, createEventStore, createHttpApp, createMessageBus, serve, type Env,
} from '@app/platform';
import { routingConfigFrom } from './routing-config.js';
import { RoutingModule } from './routing.module.js';

/**
 * Alone, routing hears availability only from a broker: the in-process bus
 * has no relay feeding it in this process, so routing would see no agent and
 * queue every conversation forever. It refuses to start instead.
 */
const aloneConfigFrom = (env: Env) => {
  const app = appConfigFrom({ MESSAGE_BUS: 'kafka', ...env });
  if (app.messageBus !== 'kafka') {
    throw new ConfigError(['routing alone needs MESSAGE_BUS=kafka: availability reaches it only from the broker (run `npm start` for everything in one process)']);
  }
  return app;
};

/**
 * The routing app on its own (production shape: EventStoreDB, availability
 * from Kafka). Reads the shared settings (PORT, EVENT_STORE, KAFKA_BROKERS,
 * ...) plus AVAILABILITY_TOPIC and ROUTING_POLICY. It must use presence's
 * event store: on SQLite the same DATA_DIR, else EventStoreDB; /health/ready
 * says not ready, and why, when it does not.
 */
const [app, routing] = configurationOrExit(() => aloneConfigFrom(process.env), () => routingConfigFrom(process.env));
const store = await createEventStore(app);
const bus = createMessageBus(app, { [routing.availabilityTopic]: AVAILABILITY_TOPIC_SETTINGS });

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

const http = await createHttpApp(RoutingAppModule, app);
await serve(http, app, (url) => `routing: listening on ${url} with the ${app.eventStore} event store and the kafka bus`);
