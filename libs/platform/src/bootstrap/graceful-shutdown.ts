import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import type { AppConfig } from '../config/app-config.js';
import type { RequestTracker } from '../observability/request-log.js';

/**
 * Shutdown on SIGTERM/SIGINT, in order: stop accepting connections, let
 * in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS, then cut what is
 * left, live feeds included), then app.close(): subscriptions stop at a
 * checkpoint (projection, relay, routing inputs: beforeApplicationShutdown),
 * then the bus and the store close (onApplicationShutdown). Exits 0 when all
 * of that finished, 1 when it failed or hung past twice the timeout.
 */
export const closeGracefully = async (app: NestExpressApplication, tracker: RequestTracker, config: AppConfig): Promise<void> => {
  const logger = new Logger('Shutdown');
  const server = app.getHttpServer() as Server;
  tracker.closing = true;
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  logger.log({ msg: 'shutting down: no new connections; draining in-flight requests', inFlight: tracker.count });
  if (!(await tracker.drained(config.shutdownTimeoutMs))) {
    logger.warn({ msg: `requests still running after ${config.shutdownTimeoutMs} ms: cutting them`, inFlight: tracker.count });
  }
  server.closeAllConnections();
  await stopped;
  await app.close();
  logger.log({ msg: 'shut down' });
};

/** Installs the signal handlers of a long-running app (the entry points; tests close apps themselves). */
export const shutDownOnSignals = (app: NestExpressApplication, tracker: RequestTracker, config: AppConfig): void => {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    new Logger('Shutdown').log({ msg: `${signal} received`, signal });
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${2 * config.shutdownTimeoutMs + 5000} ms: exiting\n`);
      process.exit(1);
    }, 2 * config.shutdownTimeoutMs + 5000).unref();
    closeGracefully(app, tracker, config).then(
      () => process.exit(0),
      (error: Error) => {
        new Logger('Shutdown').error(`shutdown failed: ${error.message}`, error.stack);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
};
