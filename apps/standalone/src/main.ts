import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { presenceConfigFrom } from '../../presence/src/config/presence-config.js';
import { createEventStore } from '../../presence/src/infrastructure/event-store-factory.js';
import { createMessageBus } from '../../presence/src/infrastructure/message-bus-factory.js';
import { createHttpApp } from '../../presence/src/presence-app.js';
import { PresenceModule } from '../../presence/src/presence.module.js';
import { routingConfigFrom } from '../../routing/src/config/routing-config.js';
import { RoutingModule } from '../../routing/src/routing.module.js';

/** The embedded default: everything in one process on SQLite under DATA_DIR, no server needed. */
const config = presenceConfigFrom(process.env);
const routing = routingConfigFrom(process.env);
const store = await createEventStore(config);
const bus = createMessageBus(config);

// Presence relays availability to the bus; routing reads it back: the same path as with Kafka, in one process.
@Module({ imports: [PresenceModule.forRoot(config, { store, bus }), RoutingModule.forRoot(routing, { store, bus })] })
class StandaloneModule {}

const app = await createHttpApp(StandaloneModule, config);
await app.listen(config.port, config.host);
// Printed even with LOG_LEVEL=silent: scripts and tests wait for this line.
process.stdout.write(`standalone: listening on ${await app.getUrl()}; data in ${config.dataDir}; event store ${config.eventStore}\n`);
