import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { runGroup } from './group-entry.js';
import { KeepAliveClient } from './http-client.js';
import { startPresenceContext } from './presence-context.js';
import { spawnApp } from '../test/support/spawned-app.js';
import { bearer } from '../test/support/test-tokens.js';
import { WORKERS, measureStatusCommands } from './status-commands.js';
import { busPath, httpPath, rawPath } from './status-paths.js';
import { spawnHttpFloor } from './spawned-http-floor.js';

/** Embedded default: SQLite with synchronous=FULL (the app's default) on all four paths, each on its own file. */
await runGroup('status-commands-sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-status-sqlite-'));
  const app = await spawnApp('standalone', { DATA_DIR: join(dir, 'http'), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000' });
  const client = new KeepAliveClient(app.url, WORKERS, (await bearer('bench', 'admin')).authorization);
  const context = await startPresenceContext({ DATA_DIR: join(dir, 'bus') });
  const raw = new SqliteEventStore(join(dir, 'raw', 'events.sqlite'), { synchronous: 'FULL' });
  const floor = await spawnHttpFloor({ sqlitePath: join(dir, 'floor', 'events.sqlite') });
  const floorClient = new KeepAliveClient(floor.address, WORKERS);
  try {
    return await measureStatusCommands('status-commands-sqlite', 'SQLite', [
      httpPath(client), busPath(context.commands), rawPath(raw), httpPath(floorClient, 'HTTP floor'),
    ]);
  } finally {
    client.close();
    floorClient.close();
    await floor.stop();
    await app.stop();
    await context.close();
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
