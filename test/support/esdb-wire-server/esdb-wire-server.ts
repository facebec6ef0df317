import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { EventLog } from './event-log.js';
import { appendHandler, batchAppendHandler, readHandler, type ServiceControls } from './streams-service.js';

/**
 * Which append RPC the client is steered to. @eventstore/db-client uses
 * Streams.BatchAppend when GetSupportedMethods lists it (and the call has no
 * per-call credentials), Streams.Append otherwise
 * (streams/appendToStream/index.js).
 */
export type AppendPath = 'append' | 'batch-append';

export interface EsdbWireServerOptions {
  /**
   * 'append' (default): BatchAppend is neither listed nor served (UNIMPLEMENTED),
   * like a server older than 21.6. 'batch-append': it is listed and served, as
   * on 21.6 and later, so every append goes through Streams.BatchAppend.
   */
  readonly appendPath?: AppendPath;
}

const STREAMS = 'event_store.client.streams.Streams';

/** What the test double tells the client it serves. */
const supportedMethods = (appendPath: AppendPath): ReadonlyArray<readonly [service: string, method: string]> => [
  [STREAMS, 'Append'],
  ...(appendPath === 'batch-append' ? ([[STREAMS, 'BatchAppend']] as const) : []),
  [STREAMS, 'Read'],
  ['event_store.client.server_features.ServerFeatures', 'GetSupportedMethods'],
];

/** The wire server pretends to be this version: one that sends CaughtUp (23.10+) and stream-read positions (22.6+). */
const SERVER_VERSION = '24.10.0-wire-test-double';

export interface EsdbWireServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  readonly port: number;
  /** The append RPC the client takes against this server. */
  readonly appendPath: AppendPath;
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
  (controls: ServiceControls, appendPath: AppendPath) =>
  (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void => {
    controls.calls.set('GetSupportedMethods', (controls.calls.get('GetSupportedMethods') ?? 0) + 1);
    const methods = supportedMethods(appendPath).map(([service, method]) => new serverFeaturesPb.SupportedMethod().setServiceName(service).setMethodName(method));
    callback(null, new serverFeaturesPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
  };

const createServer = (log: EventLog, controls: ServiceControls, appendPath: AppendPath): Server => {
  const server = new Server();
  // Methods left out (Delete, Tombstone; BatchAppend in 'append' mode) answer UNIMPLEMENTED.
  server.addService(streamsGrpc.StreamsService, {
    append: appendHandler(log, controls),
    read: readHandler(log, controls),
    ...(appendPath === 'batch-append' ? { batchAppend: batchAppendHandler(log, controls) } : {}),
  });
  server.addService(serverFeaturesGrpc.ServerFeaturesService, { getSupportedMethods: getSupportedMethods(controls, appendPath) });
  return server;
};

/** Starts the test double on a free loopback port. Test code only; never a production store. */
export const startEsdbWireServer = async ({ appendPath = 'append' }: EsdbWireServerOptions = {}): Promise<EsdbWireServer> => {
  const log = new EventLog();
  const controls: ServiceControls = { activeCalls: new Set(), calls: new Map(), stallAppends: false };
  let server: Server | undefined = createServer(log, controls, appendPath);
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
    appendPath,
    log,
    controls,
    kill,
    restart: async () => {
      if (server) return;
      server = createServer(log, controls, appendPath);
      await bind(server, `127.0.0.1:${port}`);
    },
    stop: kill,
  };
};
