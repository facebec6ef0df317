import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SqliteEventStore } from '@app/event-store';
import { appConfigFrom, createHttpApp } from '@app/platform';
import { routingConfigFrom } from '../apps/routing/src/routing-config.js';
import { RoutingModule } from '../apps/routing/src/routing.module.js';
import { registerAgent, setStatus } from './support/presence-scenarios.js';
import { startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import { eventually } from './support/routing-test-app.js';
import { TEST_AUTH_ENV } from './support/test-tokens.js';

/** What a routing process with its own SQLite DATA_DIR (a separate volume) sees: agents on the bus, none in its store. */
describe('a routing process on another event store than presence', () => {
  let presence: PresenceTestApp;
  let routing: NestExpressApplication;
  let ownStore: SqliteEventStore;
  const dir = mkdtempSync(join(tmpdir(), 'routing-own-store-'));

  beforeAll(async () => {
    presence = await startPresenceTestApp();
    ownStore = new SqliteEventStore(join(dir, 'events.sqlite'));
    const config = appConfigFrom({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ...TEST_AUTH_ENV });

    @Module({ imports: [RoutingModule.forRoot(routingConfigFrom({}), { store: ownStore, bus: presence.bus })] })
    class SeparateRoutingModule {}

    routing = await createHttpApp(SeparateRoutingModule, config);
    routing.useLogger(false);
    await routing.listen(0, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await routing?.close();
    await ownStore?.close();
    await presence?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports not ready, and says it must share presence\'s event store, instead of looking healthy', async () => {
    await registerAgent(presence, 'lonely');
    await setStatus(presence, 'lonely', 'online');
    const url = (await routing.getUrl()).replace('[::1]', '127.0.0.1');
    let body: { status: string; error?: { routing?: { message?: string } } } = { status: '' };
    await eventually(async () => {
      const response = await fetch(`${url}/health/ready`);
      body = await response.json() as typeof body;
      return response.status === 503 && body.error?.routing?.message !== undefined && body.error.routing.message.includes('event store');
    }, 'routing reports its store problem');
    expect(body.error?.routing?.message).toContain('routing must use the same event store as presence');
  });
});
