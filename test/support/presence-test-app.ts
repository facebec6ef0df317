import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EventStore } from '@app/event-store';
import type { MessageBus } from '@app/messaging';
import { appConfigFrom, createHttpApp, type AppConfig } from '@app/platform';
import { presenceConnections } from '../../apps/presence/src/presence-app.js';
import { presenceConfigFrom, type PresenceConfig } from '../../apps/presence/src/presence-config.js';
import { PresenceModule, type PresenceWiring } from '../../apps/presence/src/presence.module.js';
import { TEST_AUTH_ENV, TEST_CONNECTION_ENV, defaultCaller } from './test-tokens.js';

export interface PresenceTestApp {
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly store: EventStore;
  readonly bus: MessageBus;
  /** The shared settings (port, store, bus, auth) and presence's own. */
  readonly config: AppConfig & PresenceConfig;
  close(): Promise<void>;
}

/**
 * The real presence app on a free loopback port with its data in a fresh
 * temporary folder: the same module, pipes and filters as `npm start`.
 */
// Tests read assertions, not Nest's start-up log; LOG_LEVEL=info in the environment brings it back.
process.env.LOG_LEVEL ??= 'silent';

export const startPresenceTestApp = async (
  env: Record<string, string> = {}, dataDir?: string, wiring: Pick<PresenceWiring, 'sessionMessageSources'> = {},
): Promise<PresenceTestApp> => {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'presence-e2e-'));
  const settings = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ...TEST_AUTH_ENV, ...TEST_CONNECTION_ENV, ...env };
  const shared = appConfigFrom(settings);
  const presence = presenceConfigFrom(settings);
  const config = { ...shared, ...presence };
  const { store, bus } = await presenceConnections(shared, presence);

  @Module({ imports: [PresenceModule.forRoot(presence, { store, bus, dataDir: shared.dataDir, ...wiring })] })
  class TestModule {}

  const app = await createHttpApp(TestModule, shared);
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url, app, store, bus, config,
    close: async () => {
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
};

export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * fetch with JSON in and out; never throws for an HTTP status. Calls as an
 * admin unless `headers` say who calls (`authorization`; '' sends none).
 */
export const http = async <T = any>(
  url: string, method: string, body?: unknown, headers: Record<string, string> = {},
): Promise<JsonResponse<T>> => {
  const who = 'authorization' in headers ? {} : await defaultCaller();
  const sent: Record<string, string> = Object.fromEntries(
    Object.entries({ ...who, ...headers } as Record<string, string>).filter(([name, value]) => !(name === 'authorization' && value === '')));
  const init: RequestInit = { method, headers: sent };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
  return { status: response.status, body: parsed as T, headers: response.headers };
};
