import http from 'node:http';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { rawPath } from './status-paths.js';

/**
 * The floor under every HTTP command on this machine: node:http, a JSON body
 * parsed, one append with the expected revision (as rawPath does it), a JSON
 * answer. No framework, no authentication, no validation, no read model: what
 * the app's HTTP path would cost if everything of its own cost nothing.
 * Serves the two routes httpPath calls. Prints where it listens, serves until killed.
 */
const store: EventStore = process.env.EVENTSTORE_CONNECTION_STRING
  ? await EventStoreDbEventStore.connect(process.env.EVENTSTORE_CONNECTION_STRING)
  : new SqliteEventStore(process.env.SQLITE_PATH!, { synchronous: 'FULL' });
const raw = rawPath(store);
const ROUTE = /^\/v1\/agents\/([^/]+)(\/status)?$/;

const answer = (response: http.ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
};

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const route = ROUTE.exec(request.url ?? '');
    if (request.method !== 'PUT' || !route) return answer(response, 404, { error: 'no such route' });
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { status?: 'online' | 'away' | 'offline' };
    const agentId = decodeURIComponent(route[1]);
    const done = route[2] ? raw.setStatus(agentId, body.status!) : raw.register(agentId);
    done.then(() => answer(response, 200, { agentId }), (error: Error) => answer(response, 500, { error: error.message }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`http-floor: listening on http://127.0.0.1:${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => void store.close().then(() => process.exit(0))));
