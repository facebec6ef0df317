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

  it('runs in WAL mode with synchronous FULL by default, so an acknowledged append is fsynced', () => {
    expect(open(temporaryDatabasePath()).durability()).toEqual({ journalMode: 'wal', synchronous: 2, busyTimeoutMs: 5000 });
  });

  it('runs with synchronous NORMAL only when asked', () => {
    expect(open(temporaryDatabasePath(), { synchronous: 'NORMAL' }).durability()).toMatchObject({ synchronous: 1 });
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
