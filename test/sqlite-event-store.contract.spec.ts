import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  EventStoreUnavailableError,
  SqliteEventStore,
  WrongExpectedRevisionError,
  comparePositions,
  type NewEvent,
  type RecordedEvent,
  type SqliteEventStoreOptions,
} from '@app/event-store';
import { describeEventStoreContract } from './support/event-store-contract.js';
import { waitUntil } from './support/event-store-contract-fixtures.js';

const temporaryFolders: string[] = [];

const temporaryDatabasePath = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
  temporaryFolders.push(folder);
  return join(folder, 'data', 'events.db');
};

afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

describeEventStoreContract('SQLite (file-backed)', async () => {
  const store = new SqliteEventStore(temporaryDatabasePath());
  return { store, dispose: () => store.close() };
});

const event = (): NewEvent => ({ id: randomUUID(), type: 'Tested', data: {}, metadata: {} });

const runsAsRoot = process.getuid?.() === 0;

describe('SqliteEventStore on a file', () => {
  const opened: SqliteEventStore[] = [];
  const open = (path: string, options?: SqliteEventStoreOptions): SqliteEventStore => {
    const store = new SqliteEventStore(path, options);
    opened.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('creates the missing parent folder of its file', () => {
    const path = temporaryDatabasePath();
    open(path);
    expect(existsSync(path)).toBe(true);
  });

  it('runs in WAL mode and by default fsyncs the WAL itself, off the event loop, before it acknowledges an append', () => {
    // SQLite's COMMIT no longer syncs (NORMAL); the store's WalSync does, before the append's promise resolves.
    expect(open(temporaryDatabasePath()).durability()).toEqual({ journalMode: 'wal', synchronous: 1, busyTimeoutMs: 5000, syncsWalOffLoop: true });
  });

  describe('the WAL sync off the event loop', () => {
    /** A WAL sync the test finishes by hand. */
    const manualSync = () => {
      const running: { finish: () => void; fail: (error: Error) => void }[] = [];
      const syncFile = () => new Promise<void>((resolve, reject) => { running.push({ finish: resolve, fail: reject }); });
      return { syncFile, running };
    };
    const turns = async () => { for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve)); };
    /** The WAL is opened on the thread pool first: wait until the sync has really begun. */
    const syncsBegun = (running: unknown[], count: number) => waitUntil(`${count} WAL sync(s) began`, () => running.length >= count);

    it('acknowledges an append, and shows it to subscriptions, only once the WAL sync after its commit finished', async () => {
      const { syncFile, running } = manualSync();
      const store = open(temporaryDatabasePath(), { syncFile });
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll((recorded) => { seen.push(recorded); }, {}, { onError: (error) => { throw error; } });
      await subscription.caughtUp;
      let acknowledged = false;
      const appended = store.append('agent-1', [event()], 'no_stream').then((result) => { acknowledged = true; return result; });
      await syncsBegun(running, 1);
      await turns();

      // Committed (a read of the stream finds it) but not yet on disk: neither answered nor delivered.
      expect(await store.readStream('agent-1')).toHaveLength(1);
      expect(running).toHaveLength(1);
      expect(acknowledged).toBe(false);
      expect(seen).toEqual([]);

      running[0].finish();
      await appended;
      await waitUntil('the subscription saw the append', () => seen.length === 1);
      await subscription.stop();
    });

    it('lets commits that come while the disk syncs share the next sync', async () => {
      const { syncFile, running } = manualSync();
      const store = open(temporaryDatabasePath(), { syncFile });
      const first = store.append('agent-1', [event()], 'no_stream');
      await syncsBegun(running, 1);
      const later = Array.from({ length: 5 }, (_, i) => store.append(`agent-${i + 2}`, [event()], 'no_stream'));
      await turns();
      expect(running).toHaveLength(1);

      running[0].finish();
      await first;
      await syncsBegun(running, 2);
      await turns();
      running[1].finish();
      await Promise.all(later);
      expect(running).toHaveLength(2);
    });

    it('answers an append whose sync failed as unavailable, and lets its rows through with the next sync that succeeds', async () => {
      const { syncFile, running } = manualSync();
      const store = open(temporaryDatabasePath(), { syncFile });
      const seen: string[] = [];
      const subscription = store.subscribeToAll((recorded) => { seen.push(recorded.streamId); }, {}, { onError: (error) => { throw error; } });
      await subscription.caughtUp;
      const failed = store.append('agent-1', [event()], 'no_stream');
      failed.catch(() => undefined);
      await syncsBegun(running, 1);
      running[0].fail(new Error('EIO: i/o error'));
      await expect(failed).rejects.toThrow(EventStoreUnavailableError);
      await expect(failed).rejects.toThrow(/could not be synced to disk: EIO/);
      expect(seen).toEqual([]);

      const next = store.append('agent-2', [event()], 'no_stream');
      await syncsBegun(running, 2);
      running[1].finish();
      await next;
      await waitUntil('the subscription saw both appends', () => seen.length === 2);
      expect(seen).toEqual(['agent-1', 'agent-2']);
      await subscription.stop();
    });
  });

  it('skips the fsync only when asked for synchronous NORMAL', () => {
    expect(open(temporaryDatabasePath(), { synchronous: 'NORMAL' }).durability()).toMatchObject({ synchronous: 1, syncsWalOffLoop: false });
  });

  it('keeps events and keeps positions increasing after a reopen', async () => {
    const path = temporaryDatabasePath();
    const first = open(path);
    const before = await first.append('agent-1', [event()], 'no_stream');
    await first.close();

    const reopened = open(path);
    const after = await reopened.append('agent-1', [event()], 0);
    expect(after.nextExpectedRevision).toBe(1);
    expect(comparePositions(after.position, before.position)).toBeGreaterThan(0);
  });

  it("delivers to one store's subscription what another store on the same file appends, by polling", async () => {
    const path = temporaryDatabasePath();
    const reader = open(path, { pollIntervalMs: 20 });
    const writer = open(path);
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll((recorded) => {
      received.push(recorded);
    }, {}, { onError: (error) => { throw error; } });
    await subscription.caughtUp;

    const appended = [event(), event()];
    await writer.append('agent-1', appended, 'no_stream');

    await waitUntil('the other store sees the events', () => received.length === 2, 2000);
    expect(received.map((recorded) => recorded.id)).toEqual(appended.map((appendedEvent) => appendedEvent.id));
    await subscription.stop();
  });

  it('checks expected revisions across two stores on the same file', async () => {
    const path = temporaryDatabasePath();
    const one = open(path);
    const other = open(path);
    await one.append('agent-1', [event()], 'no_stream');

    await expect(other.append('agent-1', [event()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(other.append('agent-1', [event()], 0)).resolves.toMatchObject({ nextExpectedRevision: 1 });
  });

  it('refuses appends as unavailable on a file opened read-only, and still reads it', async () => {
    const path = temporaryDatabasePath();
    const writer = open(path);
    await writer.append('agent-1', [event()], 'no_stream');
    await writer.close();

    const readOnly = open(path, { readonly: true });
    await expect(readOnly.append('agent-1', [event()], 0)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(readOnly.readStream('agent-1')).resolves.toHaveLength(1);
  });

  // root ignores file permissions, so under root the write-protected file is still writable.
  (runsAsRoot ? it.skip : it)('refuses appends as unavailable on a write-protected data file, and still reads it (skipped as root)', async () => {
    const path = temporaryDatabasePath();
    const writer = open(path);
    await writer.append('agent-1', [event()], 'no_stream');
    await writer.close();
    chmodSync(path, 0o444);

    const store = open(path);
    await expect(store.append('agent-1', [event()], 0)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream('agent-1')).resolves.toHaveLength(1);
  });

  it('fails as unavailable when its file cannot be opened', () => {
    const path = temporaryDatabasePath();
    open(path);
    // A folder where the file should be: SQLite cannot open it (SQLITE_CANTOPEN).
    expect(() => new SqliteEventStore(dirname(path))).toThrow(EventStoreUnavailableError);
  });
});
