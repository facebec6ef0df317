import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { routingConfigFrom } from '../../apps/routing/src/routing-config.js';
import { RoutingState } from '../../apps/routing/src/routing-state.js';
import { RoutingStartup } from '../../apps/routing/src/inputs/routing-startup.js';
import type { RoutingClock } from '../../apps/routing/src/routing-clock.js';
import { RoutingModule } from '../../apps/routing/src/routing.module.js';
import { createHttpApp } from '@app/platform';
import { startPresenceTestApp, type PresenceTestApp } from './presence-test-app.js';

export interface RoutingTestApp {
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly state: RoutingState;
  close(): Promise<void>;
}

/** A routing app on its own port, on presence's store and bus, as a second process would be; resolves once it is ready. */
export const startRoutingTestApp = async (
  presence: PresenceTestApp, env: Record<string, string> = {}, clock?: RoutingClock,
): Promise<RoutingTestApp> => {
  const config = routingConfigFrom({ AVAILABILITY_TOPIC: presence.config.availabilityTopic, ...env });

  @Module({ imports: [RoutingModule.forRoot(config, { store: presence.store, bus: presence.bus, clock })] })
  class RoutingTestModule {}

  const app = await createHttpApp(RoutingTestModule, presence.config);
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  await app.get(RoutingStartup).ready;
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, app, state: app.get(RoutingState), close: () => app.close() };
};

export interface RoutingFloor {
  readonly presence: PresenceTestApp;
  readonly routers: RoutingTestApp[];
  /** The first routing instance. */
  readonly routing: RoutingTestApp;
  close(): Promise<void>;
}

/** Presence (with its relay onto the bus) and `instances` routing apps sharing one event store, one bus and (if given) one clock. */
export const startRoutingFloor = async (instances = 1, env: Record<string, string> = {}, clock?: RoutingClock): Promise<RoutingFloor> => {
  const presence = await startPresenceTestApp(env);
  const routers: RoutingTestApp[] = [];
  for (let i = 0; i < instances; i++) routers.push(await startRoutingTestApp(presence, env, clock));
  return {
    presence, routers, routing: routers[0],
    // Routing first: presence owns the store and the bus and closes them.
    close: async () => {
      await Promise.all(routers.map((r) => r.close()));
      await presence.close();
    },
  };
};

export const eventually = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
