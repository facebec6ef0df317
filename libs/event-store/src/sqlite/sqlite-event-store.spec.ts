import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { jest } from '@jest/globals';
import { EventStatements } from './event-statements.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { toEventStoreError } from './sqlite-errors.js';

const event = (): NewEvent => ({ id: randomUUID(), type: 'Tested', data: {}, metadata: {} });
const events = (count: number): NewEvent[] => Array.from({ length: count }, event);

describe('SqliteEventStore', () => {
  let store: SqliteEventStore;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });

  afterEach(() => store.close());

  describe('native binding', () => {
    it('loads the better-sqlite3 native binding', () => {
      // Fails when `npm install` skipped better-sqlite3's build script (allowScripts) or Node changed ABI.
      expect(() => new SqliteEventStore(':memory:').close()).not.toThrow();
    });

    it('says how to build the native binding when it is missing', () => {
      expect(() => new SqliteEventStore(':memory:', { nativeBinding: '/nowhere/better_sqlite3.node' })).toThrow(
        /better-sqlite3 native binding not built: run `npm rebuild better-sqlite3`/,
      );
    });
  });

  describe('event ids', () => {
    it('refuses an event id stored in another stream', async () => {
      const shared = event();
      await store.append('agent-1', [shared], 'no_stream');

      await expect(store.append('agent-2', [shared], 'no_stream')).rejects.toEqual(new DuplicateEventIdError(shared.id, 'agent-2'));
      await expect(store.readStream('agent-2')).rejects.toMatchObject({ code: 'STREAM_NOT_FOUND' });
    });

    it('refuses a batch whose later event id is already stored, storing none of it', async () => {
      const stored = event();
      await store.append('agent-1', [stored], 'no_stream');

      await expect(store.append('agent-2', [event(), stored], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.readStream('agent-2')).rejects.toMatchObject({ code: 'STREAM_NOT_FOUND' });
    });

    it('refuses a batch that repeats an event id', async () => {
      const repeated = event();
      await expect(store.append('agent-1', [repeated, repeated], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    });

    it('refuses stored ids sent again at the current end of the stream rather than storing them twice', async () => {
      const batch = events(2);
      await store.append('agent-1', batch, 'no_stream');

      await expect(store.append('agent-1', batch, 1)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream('agent-1')).toHaveLength(2);
    });

    it('refuses a retry that adds new events to a stored batch, reporting the actual revision', async () => {
      const first = event();
      await store.append('agent-1', [first], 'no_stream');

      await expect(store.append('agent-1', [first, event()], 'no_stream')).rejects.toEqual(
        new WrongExpectedRevisionError('agent-1', 'no_stream', 0),
      );
    });

    it.each(['any', 'stream_exists'] as const)('answers a retry with %s as the first time', async (expected) => {
      await store.append('agent-1', events(1), 'no_stream');
      const batch = events(2);
      const original = await store.append('agent-1', batch, expected);
      await store.append('agent-1', events(1), 'any');

      await expect(store.append('agent-1', batch, expected)).resolves.toEqual(original);
      expect(await store.readStream('agent-1')).toHaveLength(4);
    });

    it('refuses event ids that are not UUIDs, as EventStoreDB does', async () => {
      await expect(store.append('agent-1', [{ ...event(), id: 'not-a-uuid' }], 'any')).rejects.toBeInstanceOf(TypeError);
    });
  });

  describe('empty appends', () => {
    it('answers revision -1 for a stream that does not exist', async () => {
      await expect(store.append('agent-1', [], 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: -1 });
      await expect(store.headPosition()).resolves.toBeUndefined();
    });

    it('still checks the expected revision', async () => {
      await expect(store.append('agent-1', [], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });
  });

  describe('readAll prefixes', () => {
    it('takes prefix characters literally, not as LIKE or GLOB wildcards', async () => {
      await store.append('a%b-1', events(1), 'any');
      await store.append('a_b-1', events(1), 'any');
      await store.append('axb-1', events(1), 'any');

      const matched = await store.readAll({ streamPrefixes: ['a_'] });
      expect(matched.map((recorded) => recorded.streamId)).toEqual(['a_b-1']);
    });

    it('treats an empty prefix as every stream', async () => {
      await store.append('agent-1', events(1), 'any');
      await store.append('conversation-1', events(1), 'any');
      await expect(store.readAll({ streamPrefixes: ['zzz', ''] })).resolves.toHaveLength(2);
    });
  });

  describe('subscriptions', () => {
    it('catches up over many pages without gaps or repeats', async () => {
      for (let batch = 0; batch < 12; batch += 1) await store.append(`agent-${batch}`, events(100), 'no_stream');
      const received: RecordedEvent[] = [];

      const subscription = store.subscribeToAll((recorded) => {
        received.push(recorded);
      }, {}, { onError: (error) => { throw error; } });
      await subscription.caughtUp;
      await subscription.stop();

      const sequences = received.map((recorded) => Number(recorded.position.commit));
      expect(sequences).toEqual(Array.from({ length: 1200 }, (_, index) => index + 1));
    });

    it('delivers every event once and in order while appends from this store and from another connection interleave', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sqlite-two-writers-'));
      const path = join(dir, 'events.sqlite');
      const ours = new SqliteEventStore(path, { pollIntervalMs: 5 });
      const theirs = new SqliteEventStore(path);
      try {
        const received: number[] = [];
        const subscription = ours.subscribeToAll((recorded) => {
          received.push(Number(recorded.position.commit));
        }, { streamPrefixes: ['agent-'] }, { onError: (error) => { throw error; } });
        await subscription.caughtUp;
        for (let round = 0; round < 20; round++) {
          await Promise.all([
            ours.append(`agent-ours-${round}`, events(3), 'no_stream'),
            ours.append(`other-${round}`, events(1), 'no_stream'),
            theirs.append(`agent-theirs-${round}`, events(2), 'no_stream'),
          ]);
        }
        const expected = (await ours.readAll({ streamPrefixes: ['agent-'] })).map((recorded) => Number(recorded.position.commit));
        expect(expected).toHaveLength(20 * 5);
        for (let wait = 0; received.length < expected.length && wait < 200; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
        await subscription.stop();
        expect(received).toEqual(expected);
      } finally {
        await ours.close();
        await theirs.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('hands a subscription at the head the rows of the commit that woke it without reading them back from SQLite', async () => {
      const received: string[] = [];
      const subscription = store.subscribeToAll((recorded) => { received.push(recorded.id); }, { streamPrefixes: ['agent-'] }, {
        onError: (error) => { throw error; },
      });
      await subscription.caughtUp;
      const reads = jest.spyOn(EventStatements.prototype, 'readAfter');
      try {
        const appended = events(3);
        await Promise.all([store.append('agent-1', appended, 'no_stream'), store.append('team-settings-x', events(1), 'no_stream')]);
        for (let wait = 0; received.length < 3 && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 5));

        expect(received).toEqual(appended.map((event) => event.id));
        expect(reads).not.toHaveBeenCalled();
      } finally {
        reads.mockRestore();
        await subscription.stop();
      }
    });

    it('rejects caughtUp when the handler throws before catching up', async () => {
      await store.append('agent-1', events(2), 'no_stream');
      const subscription = store.subscribeToAll(
        () => {
          throw new Error('handler failed');
        },
        {},
        { onError: () => undefined },
      );
      await expect(subscription.caughtUp).rejects.toThrow('handler failed');
    });

    it('lets the handler stop the subscription it belongs to', async () => {
      await store.append('agent-1', events(3), 'no_stream');
      const received: RecordedEvent[] = [];
      let stoppedFromHandler: Promise<void> | undefined;
      const subscription = store.subscribeToAll((recorded) => {
        received.push(recorded);
        stoppedFromHandler = subscription.stop();
      }, {}, { onError: (error) => { throw error; } });
      await expect(subscription.caughtUp).rejects.toThrow('stopped before it caught up');
      await stoppedFromHandler;
      expect(received).toHaveLength(1);
    });

    it('stops without waiting for another commit when stopped while its handler runs the last event there is', async () => {
      await store.append('agent-1', events(1), 'no_stream');
      let stopped: Promise<void> | undefined;
      const subscription = store.subscribeToAll(() => { stopped = subscription.stop(); }, {}, { onError: (error) => { throw error; } });
      await subscription.caughtUp.catch(() => undefined);
      // Before the fix this waited for the next append, which never comes.
      await expect(stopped).resolves.toBeUndefined();
    });

    it('stops every subscription when the store closes', async () => {
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll((recorded) => {
        received.push(recorded);
      }, {}, { onError: (error) => { throw error; } });
      await subscription.caughtUp;
      await store.close();
      await expect(subscription.stop()).resolves.toBeUndefined();
      expect(received).toEqual([]);
    });
  });

  describe('closing', () => {
    it('can be closed twice', async () => {
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });

    it('answers calls after close as unavailable', async () => {
      await store.close();
      await expect(store.append('agent-1', events(1), 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });
  });
});

describe('toEventStoreError', () => {
  it.each(['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR_FSYNC', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT'])(
    'treats %s as the store being unavailable',
    (code) => {
      const translated = toEventStoreError(new Database.SqliteError('failed', code));
      expect(translated).toBeInstanceOf(EventStoreUnavailableError);
      expect((translated as EventStoreUnavailableError).message).toContain(code);
    },
  );

  it('passes other SQLite errors through', () => {
    const constraint = new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE');
    expect(toEventStoreError(constraint)).toBe(constraint);
  });
});
