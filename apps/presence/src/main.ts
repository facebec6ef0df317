import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { appConfigFrom, configurationOrExit, createHttpApp, serve } from '@app/platform';
import { presenceConnections } from './presence-app.js';
import { presenceConfigFrom } from './presence-config.js';
import { PresenceModule } from './presence.module.js';

/** The presence app on its own (production shape: EventStoreDB, Kafka relay in front of routing). */
const [app, presence] = configurationOrExit(() => appConfigFrom(process.env), () => presenceConfigFrom(process.env));
const { store, bus } = await presenceConnections(app, presence);

@Module({ imports: [PresenceModule.forRoot(presence, { store, bus, dataDir: app.dataDir })] })
class PresenceAppModule {}

const http = await createHttpApp(PresenceAppModule, app);
await serve(http, app, (url) => `presence: listening on ${url} with the ${app.eventStore} event store`);
