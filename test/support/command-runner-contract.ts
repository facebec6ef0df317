import {
  CommandRunner, isSoundSnapshot, sealSnapshot, type CommandRunnerOptions, type EventStore, type NewEvent, type RunnerStorage, type StreamSnapshot,
} from '@app/event-store';
import { CountingEventStore } from './counting-event-store.js';
import { uniqueScope } from './event-store-contract-fixtures.js';
import { LabelError, freshId, labelDecider, labelEvents, seal, setLabel, unseal, type LabelCommand, type LabelEvent, type LabelState } from './label-decider.js';

export interface RunnerStoreUnderTest {
  /** One store, seen through two connections (or clients), as two processes would see it. */
  readonly stores: readonly [EventStore, EventStore];
  /** Where runners on each connection keep records and snapshots. */
  readonly storageOf: (store: EventStore) => RunnerStorage;
  /** Events appended per call while growing a long stream. */
  readonly bulkBatch: number;
  /** Grows a stream without the client round trips, where the store is a test double that can (the wire server's log). */
  readonly appendDirectly?: (streamId: string, events: readonly NewEvent[], expected: number | 'no_stream') => number;
  /** Removes every stored snapshot, where the store can (SQLite); undefined: the suite uses an empty snapshot store instead. */
  readonly deleteSnapshots?: () => void;
  dispose(): Promise<void>;
}

type LabelRunner = CommandRunner<LabelCommand, LabelState, LabelEvent>;

const HOUR = 60 * 60 * 1000;

/** Runner behaviour every store must give: flat cost, idempotency for every outcome, snapshots that are never the truth. */
export const describeCommandRunnerContract = (name: string, factory: () => Promise<RunnerStoreUnderTest>): void => {
  describe(`command runner on ${name}`, () => {
    let underTest: RunnerStoreUnderTest;
    let now: number;
    beforeAll(async () => { underTest = await factory(); });
    afterAll(async () => { await underTest.dispose(); });
    beforeEach(() => { now = Date.UTC(2026, 11, 1, 9); });

    const runnerOn = (store: EventStore, options: CommandRunnerOptions = {}, storageFrom: EventStore = store): LabelRunner =>
      new CommandRunner(store, labelDecider, { ...underTest.storageOf(storageFrom), clock: () => now, snapshotEvery: 10, ...options });
    const runner = (options: CommandRunnerOptions = {}) => runnerOn(underTest.stores[0], options);
    const stream = () => `${uniqueScope()}label-1`;
    const fullReplay = async (streamId: string): Promise<LabelState> => (await runnerOn(underTest.stores[0]).load(streamId)).state;
    const grow = async (streamId: string, events: number, from: number) => {
      const [store] = underTest.stores;
      let revision = (await runner({ cacheCapacity: 0 }).current(streamId)).revision;
      for (let written = 0; written < events; written += underTest.bulkBatch) {
        const batch = labelEvents(from + written, Math.min(underTest.bulkBatch, events - written), 'bulk');
        const expected = revision ?? 'no_stream';
        revision = underTest.appendDirectly
          ? underTest.appendDirectly(streamId, batch, expected)
          : (await store.append(streamId, batch, expected)).nextExpectedRevision;
      }
    };

    describe('idempotency', () => {
      it('answers a retried append from its record and appends nothing', async () => {
        const streamId = stream();
        const first = await runner().run(streamId, setLabel('online', 'k1'));
        const retry = await runner().run(streamId, setLabel('online', 'k1'));

        expect(first).toMatchObject({ appended: 1, replayed: false, revision: 0 });
        expect(retry).toMatchObject({ appended: 0, replayed: true, revision: 0, position: first.position, state: first.state });
        expect(retry.events).toEqual(first.events);
        expect(await underTest.stores[0].readStream(streamId)).toHaveLength(1);
      });

      it('answers a retried no-op with appended 0 after a later change, and leaves the later change in place', async () => {
        const streamId = stream();
        const agent = runner();
        await agent.run(streamId, setLabel('online', 'k1'));
        const noOp = await agent.run(streamId, setLabel('online', 'k2'));
        await agent.run(streamId, setLabel('away', 'k3'));

        const retry = await agent.run(streamId, setLabel('online', 'k2'));

        expect(noOp).toMatchObject({ appended: 0, replayed: false, revision: 0 });
        expect(retry).toMatchObject({ appended: 0, replayed: true, revision: 0, state: noOp.state });
        expect((await agent.current(streamId)).state.label).toBe('away');
        expect(await underTest.stores[0].readStream(streamId)).toHaveLength(2);
      });

      it('throws a remembered business refusal again on retry, even once it no longer holds', async () => {
        const streamId = stream();
        const agent = runner();
        await agent.run(streamId, seal('k1'));
        await expect(agent.run(streamId, setLabel('online', 'k2'))).rejects.toMatchObject({ code: 'LABEL_SEALED' });
        await agent.run(streamId, unseal('k3'));

        await expect(agent.run(streamId, setLabel('online', 'k2'))).rejects.toBeInstanceOf(LabelError);
        expect((await agent.current(streamId)).state.label).toBeNull();
      });

      it('decides malformed input again on retry: it is not remembered', async () => {
        const streamId = stream();
        await runner().run(streamId, setLabel('online', 'k1'));
        await expect(runner().run(streamId, setLabel('', 'k2'))).rejects.toMatchObject({ code: 'LABEL_EMPTY' });

        await expect(runner().run(streamId, setLabel('away', 'k2'))).resolves.toMatchObject({ appended: 1, replayed: false });
      });

      it('decides a command id again once its window has passed', async () => {
        const streamId = stream();
        const agent = runner({ idempotencyWindowMs: HOUR });
        await agent.run(streamId, setLabel('online', 'k1'));
        await agent.run(streamId, setLabel('online', 'k2'));
        await agent.run(streamId, setLabel('away', 'k3'));
        now += HOUR + 1;

        await expect(agent.run(streamId, setLabel('online', 'k2'))).resolves.toMatchObject({ appended: 1, replayed: false });
        await expect(agent.run(streamId, setLabel('online', 'k2'))).resolves.toMatchObject({ appended: 0, replayed: true });
      });

      it("with 'appends-only', decides no-ops and refusals again but still answers a retried append", async () => {
        const streamId = stream();
        const agent = runner();
        const stepOnly = { idempotency: 'appends-only' } as const;
        await agent.run(streamId, setLabel('online', 'k1'), stepOnly);
        await agent.run(streamId, setLabel('online', 'k2'), stepOnly);
        await agent.run(streamId, setLabel('away', 'k3'), stepOnly);

        await expect(agent.run(streamId, setLabel('online', 'k2'), stepOnly)).resolves.toMatchObject({ appended: 1 });
        await expect(agent.run(streamId, setLabel('online', 'k1'), stepOnly)).resolves.toMatchObject({ appended: 0, replayed: true });
      });

      it('keeps nothing for a fresh command id (no Idempotency-Key): no lookup and no record, for an append, a no-op or a refusal', async () => {
        const streamId = stream();
        const storage = underTest.storageOf(underTest.stores[0]);
        const calls: string[] = [];
        const ledger = {
          find: (...args: Parameters<typeof storage.ledger.find>) => { calls.push('find'); return storage.ledger.find(...args); },
          remember: (...args: Parameters<typeof storage.ledger.remember>) => { calls.push('remember'); return storage.ledger.remember(...args); },
          appendRecorded: (...args: Parameters<typeof storage.ledger.appendRecorded>) => { calls.push('appendRecorded'); return storage.ledger.appendRecorded(...args); },
        };
        const agent = runner({ ledger });

        const appended = await agent.run(streamId, freshId(setLabel('online', 'f1')));
        const noOp = await agent.run(streamId, freshId(setLabel('online', 'f2')));
        await agent.run(streamId, freshId(seal('f3')));
        await expect(agent.run(streamId, freshId(setLabel('away', 'f4')))).rejects.toMatchObject({ code: 'LABEL_SEALED' });

        expect(appended).toMatchObject({ appended: 1, replayed: false, revision: 0 });
        expect(noOp).toMatchObject({ appended: 0, replayed: false, revision: 0 });
        expect(calls).toEqual([]);
        for (const id of ['f1', 'f2', 'f3', 'f4']) expect(await storage.ledger.find(streamId, id)).toBeUndefined();
        expect(await underTest.stores[0].readStream(streamId)).toHaveLength(2);
      });

      it('answers a retry after 100,000 later events without appending, reading only the events of the retried command', async () => {
        const streamId = stream();
        await runner().run(streamId, setLabel('first', 'k1'));
        await grow(streamId, 100_000, 0);
        const counting = new CountingEventStore(underTest.stores[0]);
        const cold = runnerOn(counting, {}, underTest.stores[0]);

        const retry = await cold.run(streamId, setLabel('first', 'k1'));

        expect(retry).toMatchObject({ appended: 0, replayed: true, revision: 0 });
        expect(counting.appends).toBe(0);
        expect(counting.eventsRead).toBe(1);
        expect((await underTest.stores[0].readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0].revision).toBe(100_000);
      }, 120_000);
    });

    describe('state from the cache and from snapshots', () => {
      it("reads forward from its cached revision what another process appended, and decides on it", async () => {
        const streamId = stream();
        const [one, other] = underTest.stores;
        const here = runnerOn(one);
        const there = runnerOn(other);
        await here.run(streamId, setLabel('online', 'k1'));
        await there.run(streamId, setLabel('away', 'k2'));

        const outcome = await here.run(streamId, setLabel('away', 'k3'));

        expect(outcome).toMatchObject({ appended: 0, revision: 1 });
        await expect(here.run(streamId, setLabel('online', 'k4'))).resolves.toMatchObject({ appended: 1, revision: 2 });
      });

      it('never loses or reorders an event with two runners writing one stream through their caches', async () => {
        const streamId = stream();
        const [one, other] = underTest.stores;
        const writers = [runnerOn(one), runnerOn(other)];
        const perWriter = 40;
        await Promise.all(writers.map(async (writer, w) => {
          for (let i = 0; i < perWriter; i++) await writer.run(streamId, setLabel(`w${w}-${i}`, `w${w}-k${i}`));
        }));

        const stored = await one.readStream(streamId);
        expect(stored.map((event) => event.revision)).toEqual([...stored.keys()]);
        for (const w of [0, 1]) {
          const own = stored.map((event) => (event.data as { to: string }).to).filter((label) => label.startsWith(`w${w}-`));
          expect(own).toEqual(Array.from({ length: perWriter }, (_, i) => `w${w}-${i}`));
        }
        for (const writer of writers) expect((await writer.current(streamId)).state).toEqual(await fullReplay(streamId));
      }, 60_000);

      it('loads a cold stream from its snapshot and the events after it, reading no others', async () => {
        const streamId = stream();
        const warm = runner({ snapshotEvery: 10 });
        for (let i = 0; i < 25; i++) await warm.run(streamId, setLabel(`l${i}`, `k${i}`));
        const counting = new CountingEventStore(underTest.stores[0]);

        const { state } = await runnerOn(counting, { snapshotEvery: 10 }, underTest.stores[0]).current(streamId);

        expect(state).toEqual(await fullReplay(streamId));
        // The snapshot at revision 19 or 20, its own event read to check it, and the events after it.
        expect(counting.eventsRead).toBeLessThanOrEqual(6);
      });

      const corrupted: ReadonlyArray<readonly [string, (sound: StreamSnapshot) => StreamSnapshot]> = [
        ['fails its checksum', (sound) => ({ ...sound, state: JSON.stringify({ label: 'forged', sealed: true, sets: 0, digest: 0 }) })],
        ['names an event the stream does not hold there', (sound) => sealSnapshot({ ...sound, eventId: crypto.randomUUID(), state: JSON.stringify({ label: 'forged', sealed: true, sets: 0, digest: 0 }) })],
        ['was taken by another snapshot version', (sound) => sealSnapshot({ ...sound, version: 99, state: JSON.stringify({ label: 'forged', sealed: true, sets: 0, digest: 0 }) })],
      ];
      it.each(corrupted)('ignores a snapshot that %s, replays in full, and takes a sound one again', async (_what, corrupt) => {
        const streamId = stream();
        const { snapshots } = underTest.storageOf(underTest.stores[0]);
        for (let i = 0; i < 12; i++) await runner().run(streamId, setLabel(`l${i}`, `k${i}`));
        const sound = (await snapshots.read(streamId))!;
        await snapshots.write(corrupt(sound));

        const cold = runner();
        const outcome = await cold.run(streamId, setLabel('l11', 'k-again'));

        const replayed = await fullReplay(streamId);
        expect(outcome).toMatchObject({ appended: 0, revision: 11, state: replayed });
        const retaken = (await snapshots.read(streamId))!;
        expect(isSoundSnapshot(retaken, streamId, labelDecider.snapshotVersion!)).toBe(true);
        expect(retaken).toMatchObject({ revision: 11, state: JSON.stringify(replayed) });
      });

      it('answers the same with every snapshot gone', async () => {
        const streamId = stream();
        for (let i = 0; i < 35; i++) await runner().run(streamId, setLabel(`l${i % 4}`, `k${i}`));
        const withSnapshots = await runner().current(streamId);
        underTest.deleteSnapshots?.();
        const none = { read: async () => undefined, write: async () => undefined };
        const without = runner(underTest.deleteSnapshots ? {} : { snapshots: none });

        expect(await without.current(streamId)).toEqual(withSnapshots);
        await expect(without.run(streamId, setLabel('l2', 'k-new'))).resolves.toMatchObject({ appended: 0, revision: withSnapshots.revision });
      });
    });
  });
};
