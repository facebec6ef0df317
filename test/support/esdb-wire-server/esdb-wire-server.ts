import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { EventLog } from './event-log.js';
import { appendHandler, readHandler, type ServiceControls } from './streams-service.js';

/** What the test double tells the client it serves; BatchAppend is absent, so the client uses Streams.Append. */
const SUPPORTED: ReadonlyArray<readonly [service: string, method: string]> = [
  ['event_store.client.streams.Streams', 'Append'],
  ['event_store.client.streams.Streams', 'Read'],
  ['event_store.client.server_features.ServerFeatures', 'GetSupportedMethods'],
];

/** The wire server pretends to be this version: one that sends CaughtUp (23.10+) and stream-read positions (22.6+). */
const SERVER_VERSION = '24.10.0-wire-test-double';

export interface EsdbWireServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  readonly port: number;
  readonly log: EventLog;
  readonly controls: ServiceControls;
  /** Ends every open call with UNAVAILABLE and stops listening, as a crashed node would; the log is kept. */
  kill(): Promise<void>;
  /** Listens again on the same port with the same log. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const bind = (server: Server, address: string): Promise<number> =>
  new Promise((resolve, reject) => server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))));

/**
 * ServerFeatures.GetSupportedMethods: the client asks first and picks
 * BatchAppend only when it is listed (FACTS.md; client source
 * streams/appendToStream/index.js).
 */
const getSupportedMethods =
  (controls: ServiceControls) =>
  (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void => {
    controls.calls.set('GetSupportedMethods', (controls.calls.get('GetSupportedMethods') ?? 0) + 1);
    const methods = SUPPORTED.map(([service, method]) => new serverFeaturesPb.SupportedMethod().setServiceName(service).setMethodName(method));
    callback(null, new serverFeaturesPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
  };

const createServer = (log: EventLog, controls: ServiceControls): Server => {
  const server = new Server();
  // Methods left out (Delete, Tombstone, BatchAppend) answer UNIMPLEMENTED.
  server.addService(streamsGrpc.StreamsService, { append: appendHandler(log, controls), read: readHandler(log, controls) });
  server.addService(serverFeaturesGrpc.ServerFeaturesService, { getSupportedMethods: getSupportedMethods(controls) });
  return server;
};

/** Starts the test double on a free loopback port. Test code only; never a production store. */
export const startEsdbWireServer = async (): Promise<EsdbWireServer> => {
  const log = new EventLog();
  const controls: ServiceControls = { activeCalls: new Set(), calls: new Map(), stallAppends: false };
  let server: Server | undefined = createServer(log, controls);
  const port = await bind(server, '127.0.0.1:0');

  const kill = async () => {
    for (const call of controls.activeCalls) call.emit('error', { code: status.UNAVAILABLE, details: 'node is shutting down' });
    controls.activeCalls.clear();
    server?.forceShutdown();
    server = undefined;
  };

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    log,
    controls,
    kill,
    restart: async () => {
      if (server) return;
      server = createServer(log, controls);
      await bind(server, `127.0.0.1:${port}`);
    },
    stop: kill,
  };
};
