import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, StreamBackedIdempotencyLedger, StreamBackedSnapshotStore, runnerStorageFor, type EventStore } from '@app/event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { describeCommandRunnerContract } from './support/command-runner-contract.js';
import { startEsdbWireServer } from './support/esdb-wire-server/esdb-wire-server.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const twoSqliteConnections = () => {
  const folder = mkdtempSync(join(tmpdir(), 'runner-contract-'));
  folders.push(folder);
  const path = join(folder, 'events.sqlite');
  return [new SqliteEventStore(path), new SqliteEventStore(path)] as const;
};

describeCommandRunnerContract('SQLite, records and snapshots in side tables', async () => {
  const stores = twoSqliteConnections();
  return {
    stores,
    storageOf: runnerStorageFor,
    bulkBatch: 5000,
    deleteSnapshots: () => stores[0].withConnection((db) => db.exec('DELETE FROM stream_snapshots')),
    dispose: async () => { await Promise.all(stores.map((store) => store.close())); },
  };
});

describeCommandRunnerContract('SQLite, records and snapshots as streams (the EventStoreDB layout)', async () => {
  const stores = twoSqliteConnections();
  return {
    stores,
    storageOf: (store: EventStore) => ({ ledger: new StreamBackedIdempotencyLedger(store), snapshots: new StreamBackedSnapshotStore(store) }),
    bulkBatch: 5000,
    dispose: async () => { await Promise.all(stores.map((store) => store.close())); },
  };
});

// The 100,000 events of the long-stream test are written into the double's log directly; the runner reads them over gRPC.
describeCommandRunnerContract('the EventStoreDB adapter on the wire-compatible test server (not a real EventStoreDB)', async () => {
  const server = await startEsdbWireServer({ appendPath: 'batch-append' });
  const stores = [await EventStoreDbEventStore.connect(server.connectionString), await EventStoreDbEventStore.connect(server.connectionString)] as const;
  return {
    stores,
    storageOf: runnerStorageFor,
    bulkBatch: 5000,
    appendDirectly: (streamId, events, expected) => {
      const proposed = events.map((event) => ({
        id: event.id, type: event.type, contentType: 'application/json',
        data: Buffer.from(JSON.stringify(event.data)), customMetadata: Buffer.from(JSON.stringify(event.metadata)),
      }));
      const outcome = server.log.append(streamId, expected === 'no_stream' ? { kind: 'no_stream' } : { kind: 'revision', revision: expected }, proposed);
      if (outcome.kind !== 'success') throw new Error(`growing ${streamId} failed: ${outcome.kind}`);
      return outcome.currentRevision;
    },
    dispose: async () => {
      await Promise.all(stores.map((store) => store.close()));
      await server.stop();
    },
  };
});
