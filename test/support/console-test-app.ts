import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { appConfigFrom, createHttpApp } from '@app/platform';
import { presenceConnections } from '../../apps/presence/src/presence-app.js';
import { presenceConfigFrom } from '../../apps/presence/src/presence-config.js';
import { PresenceModule } from '../../apps/presence/src/presence.module.js';
import { routingConfigFrom } from '../../apps/routing/src/routing-config.js';
import { RoutingStartup } from '../../apps/routing/src/inputs/routing-startup.js';
import { RoutingModule } from '../../apps/routing/src/routing.module.js';
import { TEST_AUTH_ENV, TEST_CONNECTION_ENV } from './test-tokens.js';

export interface ConsoleTestApp {
  readonly url: string;
  readonly app: NestExpressApplication;
  close(): Promise<void>;
}

process.env.LOG_LEVEL ??= 'silent';

/** The console is built by `npm run build` (npm test and test:e2e run it first), never by a test: parallel workers would race. */
export const requireBuiltConsole = (): void => {
  if (!existsSync(join(process.cwd(), 'dist', 'console', 'index.html'))) throw new Error('the console is not built: run npm run build first');
};

/**
 * What `npm start` runs (presence and routing in one process on SQLite and
 * the in-process bus, serving /console/), on a free loopback port with its
 * data in a fresh temporary folder. The console must already be built
 * (dist/console/).
 */
export const startConsoleTestApp = async (): Promise<ConsoleTestApp> => {
  const dir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const settings = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ...TEST_AUTH_ENV, ...TEST_CONNECTION_ENV };
  const shared = appConfigFrom(settings);
  const presence = presenceConfigFrom(settings);
  const routing = routingConfigFrom(settings);
  const { store, bus } = await presenceConnections(shared, presence);

  @Module({ imports: [PresenceModule.forRoot(presence, { store, bus, dataDir: shared.dataDir }), RoutingModule.forRoot(routing, { store, bus })] })
  class ConsoleTestModule {}

  const app = await createHttpApp(ConsoleTestModule, shared);
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  await app.get(RoutingStartup).ready;
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url, app,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
