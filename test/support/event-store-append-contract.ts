import { WrongExpectedRevisionError, type ExpectedRevision } from '@app/event-store';
import { idsOf, newEvent, newEvents, positionsIncrease, uniqueScope, type StoreUnderTest } from './event-store-contract-fixtures.js';

const rejectionOf = async (attempt: Promise<unknown>): Promise<unknown> => {
  try {
    await attempt;
  } catch (error) {
    return error;
  }
  throw new Error('expected the append to be rejected');
};

const expectWrongRevision = async (
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): Promise<void> => {
  const error = await rejectionOf(attempt);
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId, expected, actual });
};

export const describeAppendContract = (store: StoreUnderTest): void => {
  describe('append', () => {
    it('starts a new stream at revision 0 and numbers its events contiguously', async () => {
      const streamId = `${uniqueScope()}agent-1`;
      await store().append(streamId, newEvents(2), 'no_stream');
      const result = await store().append(streamId, newEvents(3), 1);

      expect(result.nextExpectedRevision).toBe(4);
      const stored = await store().readStream(streamId);
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('answers the position of the last event it appended', async () => {
      const streamId = `${uniqueScope()}agent-1`;
      const result = await store().append(streamId, newEvents(3), 'no_stream');

      const stored = await store().readStream(streamId);
      expect(result.position).toEqual(stored[2].position);
    });

    it('gives events strictly increasing positions in global order across streams', async () => {
      const scope = uniqueScope();
      await store().append(`${scope}agent-1`, newEvents(2), 'any');
      await store().append(`${scope}agent-2`, newEvents(1), 'any');
      await store().append(`${scope}agent-1`, newEvents(2), 'any');

      const all = await store().readAll({ streamPrefixes: [scope] });
      expect(all.map((event) => event.streamId)).toEqual([
        `${scope}agent-1`, `${scope}agent-1`, `${scope}agent-2`, `${scope}agent-1`, `${scope}agent-1`,
      ]);
      expect(positionsIncrease(all)).toBe(true);
    });

    describe('expected revision', () => {
      it('no_stream creates a stream that does not exist', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await expect(store().append(streamId, newEvents(1), 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
      });

      it('no_stream is refused on an existing stream, with its actual revision', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await store().append(streamId, newEvents(2), 'no_stream');
        await expectWrongRevision(store().append(streamId, newEvents(1), 'no_stream'), streamId, 'no_stream', 1);
      });

      it('stream_exists appends to an existing stream', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await store().append(streamId, newEvents(1), 'no_stream');
        await expect(store().append(streamId, newEvents(1), 'stream_exists')).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('stream_exists is refused on a missing stream, with actual no_stream', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await expectWrongRevision(store().append(streamId, newEvents(1), 'stream_exists'), streamId, 'stream_exists', 'no_stream');
      });

      it('an exact revision appends when it is the revision of the last event', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await store().append(streamId, newEvents(3), 'no_stream');
        await expect(store().append(streamId, newEvents(1), 2)).resolves.toMatchObject({ nextExpectedRevision: 3 });
      });

      it('an exact revision behind or ahead of the stream is refused, with the actual revision', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await store().append(streamId, newEvents(3), 'no_stream');
        await expectWrongRevision(store().append(streamId, newEvents(1), 1), streamId, 1, 2);
        await expectWrongRevision(store().append(streamId, newEvents(1), 3), streamId, 3, 2);
      });

      it('an exact revision is refused on a missing stream, with actual no_stream', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await expectWrongRevision(store().append(streamId, newEvents(1), 0), streamId, 0, 'no_stream');
      });

      it('any appends to a missing and to an existing stream', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await expect(store().append(streamId, newEvents(1), 'any')).resolves.toMatchObject({ nextExpectedRevision: 0 });
        await expect(store().append(streamId, newEvents(1), 'any')).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('a refused append stores nothing', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await store().append(streamId, newEvents(1), 'no_stream');
        await store().append(streamId, newEvents(2), 5).catch(() => undefined);
        expect(await store().readStream(streamId)).toHaveLength(1);
      });

      it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await store().append(streamId, newEvents(1), 'no_stream');

        const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => store().append(streamId, newEvents(1), 0)));

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected'))
          expect(outcome.reason).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', expected: 0, actual: 1 });
        expect(await store().readStream(streamId)).toHaveLength(2);
      });
    });

    describe('idempotency', () => {
      it('answers a retry of the same event ids with no_stream as the first time, and stores them once', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        const events = newEvents(2);
        const first = await store().append(streamId, events, 'no_stream');

        const retry = await store().append(streamId, events, 'no_stream');

        expect(retry).toEqual(first);
        expect(idsOf(await store().readStream(streamId))).toEqual(idsOf(events));
      });

      it('answers a retry of the same event ids with the same exact revision as the first time, and stores them once', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        await store().append(streamId, newEvents(1), 'no_stream');
        const events = newEvents(2);
        const first = await store().append(streamId, events, 0);

        const retry = await store().append(streamId, events, 0);

        expect(retry).toEqual(first);
        expect(await store().readStream(streamId)).toHaveLength(3);
      });

      it('still answers a retry as the first time after the stream has moved on', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        const events = newEvents(1);
        const first = await store().append(streamId, events, 'no_stream');
        await store().append(streamId, newEvents(1), 0);

        await expect(store().append(streamId, events, 'no_stream')).resolves.toEqual(first);
        expect(await store().readStream(streamId)).toHaveLength(2);
      });

      it('refuses stored event ids sent with an expected revision that fits neither where they were written nor the stream', async () => {
        const streamId = `${uniqueScope()}agent-1`;
        const events = newEvents(2);
        await store().append(streamId, events, 'no_stream');

        await expectWrongRevision(store().append(streamId, events, 5), streamId, 5, 1);
        expect(await store().readStream(streamId)).toHaveLength(2);
      });
    });

    it('stores nothing for an empty append and answers the stream revision', async () => {
      const streamId = `${uniqueScope()}agent-1`;
      await store().append(streamId, newEvents(2), 'no_stream');

      await expect(store().append(streamId, [], 1)).resolves.toMatchObject({ nextExpectedRevision: 1 });
      expect(await store().readStream(streamId)).toHaveLength(2);
    });

    it('round-trips nested JSON data and metadata, unicode included', async () => {
      const streamId = `${uniqueScope()}agent-1`;
      const data = {
        agent: { id: 'a1', name: 'Zoë Ångström 日本語 😀 مرحبا', teams: ['billing', 'vip'] },
        capacity: 3,
        ratio: 0.25,
        online: true,
        note: null,
        quotes: 'she said "hi" \\ \n next line',
      };
      const metadata = { correlationId: 'c-1', causation: { id: 'cmd-1', depth: [1, [2, { three: 3 }]] } };
      await store().append(streamId, [newEvent(data, metadata)], 'no_stream');

      const [stored] = await store().readStream(streamId);
      expect(stored.data).toEqual(data);
      expect(stored.metadata).toEqual(metadata);
      expect(stored.type).toBe('ContractEventRecorded');
    });

    it('records when each event was stored as a Date', async () => {
      const streamId = `${uniqueScope()}agent-1`;
      await store().append(streamId, newEvents(1), 'no_stream');

      const [stored] = await store().readStream(streamId);
      expect(stored.recordedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(stored.recordedAt.getTime())).toBe(false);
    });
  });
};
