import { afterAll, beforeAll } from '@jest/globals';
import { startEsdbWireServer, type EsdbWireServer } from './support/esdb-wire-server/esdb-wire-server.js';
import { startPresenceTestApp } from './support/presence-test-app.js';
import { describePresenceScenarios } from './support/presence-scenarios.js';

let server: EsdbWireServer;
beforeAll(async () => { server = await startEsdbWireServer(); });
afterAll(async () => { await server?.stop(); });

describePresenceScenarios(
  'presence over HTTP with EVENT_STORE=eventstoredb on the wire-compatible test server (not a real EventStoreDB)',
  () => startPresenceTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString }),
);
