import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@app/event-store';
import { runGroup } from './group-entry.js';
import { KeepAliveClient } from './http-client.js';
import { startPresenceContext } from './presence-context.js';
import { spawnHttpFloor } from './spawned-http-floor.js';
import { WORKERS, measureStatusCommands } from './status-commands.js';
import { busPath, httpPath, rawPath } from './status-paths.js';
import { spawnApp } from '../test/support/spawned-app.js';
import { bearer } from '../test/support/test-tokens.js';

/** Where each of the four paths keeps its events: each its own store, so no projection sees another path's events. */
export interface StatusCommandStores {
  /** Settings of the standalone app (HTTP) and of the presence context (bus), given a folder of their own. */
  readonly appEnv: (dataDir: string) => Record<string, string>;
  readonly busEnv: (dataDir: string) => Record<string, string>;
  readonly raw: (dir: string) => Promise<EventStore>;
  readonly floor: (dir: string) => { sqlitePath: string } | { connectionString: string };
  /** Stops what the stores needed (servers), after everything else. */
  readonly stop?: () => Promise<void>;
}

/** The status-command group on one kind of store: HTTP, bus, raw append and HTTP floor, measured side by side. */
export const runStatusCommandGroup = (group: string, storeName: string, stores: () => Promise<StatusCommandStores>): Promise<void> =>
  runGroup(group, async () => {
    const dir = mkdtempSync(join(tmpdir(), `bench-${group}-`));
    const setup = await stores();
    const app = await spawnApp('standalone', { ...setup.appEnv(join(dir, 'http')), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000' });
    const client = new KeepAliveClient(app.url, WORKERS, (await bearer('bench', 'admin')).authorization);
    const context = await startPresenceContext(setup.busEnv(join(dir, 'bus')));
    const raw = await setup.raw(dir);
    const floor = await spawnHttpFloor(setup.floor(dir));
    const floorClient = new KeepAliveClient(floor.address, WORKERS);
    try {
      return await measureStatusCommands(group, storeName, [
        httpPath(client), busPath(context.commands), rawPath(raw), httpPath(floorClient, 'HTTP floor'),
        httpPath(client, 'HTTP with keys', { withKeys: true }),
      ]);
    } finally {
      client.close();
      floorClient.close();
      await floor.stop();
      await app.stop();
      await context.close();
      await raw.close();
      await setup.stop?.();
      rmSync(dir, { recursive: true, force: true });
    }
  });
