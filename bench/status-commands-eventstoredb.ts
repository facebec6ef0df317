import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { runGroup } from './group-entry.js';
import { KeepAliveClient } from './http-client.js';
import { startPresenceContext } from './presence-context.js';
import { spawnEsdb } from './spawned-esdb.js';
import { spawnApp } from '../test/support/spawned-app.js';
import { bearer } from '../test/support/test-tokens.js';
import { WORKERS, measureStatusCommands } from './status-commands.js';
import { busPath, httpPath, rawPath } from './status-paths.js';
import { spawnHttpFloor } from './spawned-http-floor.js';

/**
 * The EventStoreDB adapter against the wire-compatible test server (an
 * in-memory test double, one process per path so that no projection sees
 * another path's events). Figures describe the adapter and gRPC client, not
 * a real EventStoreDB's disk.
 */
await runGroup('status-commands-eventstoredb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-status-esdb-'));
  const servers = await Promise.all([spawnEsdb(), spawnEsdb(), spawnEsdb(), spawnEsdb()]);
  const esdbEnv = (index: number) => ({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: servers[index].connectionString });
  const app = await spawnApp('standalone', { DATA_DIR: join(dir, 'http'), ...esdbEnv(0), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000' });
  const client = new KeepAliveClient(app.url, WORKERS, (await bearer('bench', 'admin')).authorization);
  const context = await startPresenceContext({ DATA_DIR: join(dir, 'bus'), ...esdbEnv(1) });
  const raw = await EventStoreDbEventStore.connect(servers[2].connectionString);
  const floor = await spawnHttpFloor({ connectionString: servers[3].connectionString });
  const floorClient = new KeepAliveClient(floor.address, WORKERS);
  try {
    return await measureStatusCommands('status-commands-eventstoredb', 'EventStoreDB wire double', [
      httpPath(client), busPath(context.commands), rawPath(raw), httpPath(floorClient, 'HTTP floor'),
    ]);
  } finally {
    client.close();
    floorClient.close();
    await floor.stop();
    await app.stop();
    await context.close();
    await raw.close();
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
});
