import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { configurationOrExit, presenceConfigFrom } from '../../presence/src/config/presence-config.js';
import { createEventStore } from '../../presence/src/infrastructure/event-store-factory.js';
import { createMessageBus } from '../../presence/src/infrastructure/message-bus-factory.js';
import { createHttpApp, serve } from '../../presence/src/presence-app.js';
import { PresenceModule } from '../../presence/src/presence.module.js';
import { routingConfigFrom } from '../../routing/src/config/routing-config.js';
import { RoutingModule } from '../../routing/src/routing.module.js';

/** The embedded default: everything in one process on SQLite under DATA_DIR, no server needed. */
const [config, routing] = configurationOrExit(() => presenceConfigFrom(process.env), () => routingConfigFrom(process.env));
const store = await createEventStore(config);
const bus = createMessageBus(config);

// Presence relays availability to the bus; routing reads it back: the same path as with Kafka, in one process.
@Module({ imports: [PresenceModule.forRoot(config, { store, bus }), RoutingModule.forRoot(routing, { store, bus })] })
class StandaloneModule {}

const app = await createHttpApp(StandaloneModule, config);
await serve(app, config, (url) => `standalone: listening on ${url}; data in ${config.dataDir}; event store ${config.eventStore}`);
