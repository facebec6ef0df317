import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { appConfigFrom, configurationOrExit, createHttpApp, serve } from '@app/platform';
import { presenceConnections } from '../../presence/src/presence-app.js';
import { presenceConfigFrom } from '../../presence/src/presence-config.js';
import { PresenceModule } from '../../presence/src/presence.module.js';
import { routingConfigFrom } from '../../routing/src/routing-config.js';
import { RoutingModule } from '../../routing/src/routing.module.js';

/** The embedded default: everything in one process on SQLite under DATA_DIR, no server needed. */
const [app, presence, routing] = configurationOrExit(
  () => appConfigFrom(process.env), () => presenceConfigFrom(process.env), () => routingConfigFrom(process.env),
);
const { store, bus } = await presenceConnections(app, presence);

// Presence relays availability to the bus; routing reads it back: the same path as with Kafka, in one process.
@Module({
  imports: [PresenceModule.forRoot(presence, { store, bus, dataDir: app.dataDir }), RoutingModule.forRoot(routing, { store, bus })],
})
class StandaloneModule {}

const http = await createHttpApp(StandaloneModule, app);
await serve(http, app, (url) => `standalone: listening on ${url}; data in ${app.dataDir}; event store ${app.eventStore}`);
