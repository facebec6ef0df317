import { startEsdbWireServer, type AppendPath } from '../test/support/esdb-wire-server/esdb-wire-server.js';

/**
 * The wire-compatible EventStoreDB test double in a process of its own, so
 * the benchmark's client and the server do not share an event loop. Prints
 * its connection string, then serves until killed. Test double: in memory.
 */
const appendPath = (process.env.BENCH_ESDB_APPEND_PATH ?? 'batch-append') as AppendPath;
const server = await startEsdbWireServer({ appendPath });
process.stdout.write(`esdb-wire-server: ${server.connectionString}\n`);
process.on('SIGTERM', () => { void server.stop().then(() => process.exit(0)); });
