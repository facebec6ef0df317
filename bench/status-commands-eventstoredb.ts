import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { spawnEsdb } from './spawned-esdb.js';
import { runStatusCommandGroup } from './status-command-setup.js';

/**
 * The EventStoreDB adapter against the wire-compatible test server (an
 * in-memory test double, one process per path so that no projection sees
 * another path's events). Figures describe the adapter and gRPC client, not
 * a real EventStoreDB's disk.
 */
await runStatusCommandGroup('status-commands-eventstoredb', 'EventStoreDB wire double', async () => {
  const [http, bus, raw, floor] = await Promise.all([spawnEsdb(), spawnEsdb(), spawnEsdb(), spawnEsdb()]);
  const esdbEnv = (connectionString: string) => ({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString });
  return {
    appEnv: (dataDir) => ({ DATA_DIR: dataDir, ...esdbEnv(http.connectionString) }),
    busEnv: (dataDir) => ({ DATA_DIR: dataDir, ...esdbEnv(bus.connectionString) }),
    raw: () => EventStoreDbEventStore.connect(raw.connectionString),
    floor: () => ({ connectionString: floor.connectionString }),
    stop: async () => { await Promise.all([http, bus, raw, floor].map((server) => server.stop())); },
  };
});
