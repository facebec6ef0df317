import { StreamNotFoundError, comparePositions } from '@app/event-store';
import { idsOf, newEvents, positionsIncrease, uniqueScope, type StoreUnderTest } from './event-store-contract-fixtures.js';

export const describeReadContract = (store: StoreUnderTest): void => {
  describe('readStream', () => {
    const fiveEventStream = async () => {
      const streamId = `${uniqueScope()}agent-1`;
      const events = newEvents(5);
      await store().append(streamId, events, 'no_stream');
      return { streamId, ids: idsOf(events) };
    };

    it('reads the whole stream forwards by default', async () => {
      const { streamId, ids } = await fiveEventStream();
      const stored = await store().readStream(streamId);
      expect(idsOf(stored)).toEqual(ids);
      expect(stored.every((event) => event.streamId === streamId)).toBe(true);
    });

    it('reads forwards from a revision, inclusive, up to maxCount', async () => {
      const { streamId, ids } = await fiveEventStream();
      const stored = await store().readStream(streamId, { direction: 'forwards', fromRevision: 1, maxCount: 2 });
      expect(idsOf(stored)).toEqual(ids.slice(1, 3));
      expect(stored.map((event) => event.revision)).toEqual([1, 2]);
    });

    it('reads backwards from the end by default', async () => {
      const { streamId, ids } = await fiveEventStream();
      const stored = await store().readStream(streamId, { direction: 'backwards', maxCount: 2 });
      expect(idsOf(stored)).toEqual([ids[4], ids[3]]);
    });

    it('reads backwards from a revision, inclusive', async () => {
      const { streamId, ids } = await fiveEventStream();
      const stored = await store().readStream(streamId, { direction: 'backwards', fromRevision: 2 });
      expect(stored.map((event) => event.revision)).toEqual([2, 1, 0]);
      expect(idsOf(stored)).toEqual([ids[2], ids[1], ids[0]]);
    });

    it('returns nothing when reading forwards past the end of an existing stream', async () => {
      const { streamId } = await fiveEventStream();
      await expect(store().readStream(streamId, { fromRevision: 5 })).resolves.toEqual([]);
    });

    it('throws StreamNotFoundError for a stream that has no events', async () => {
      const streamId = `${uniqueScope()}agent-missing`;
      await expect(store().readStream(streamId)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store().readStream(streamId)).rejects.toMatchObject({ code: 'STREAM_NOT_FOUND', streamId });
    });

    it('gives each event the same position as readAll does', async () => {
      const scope = uniqueScope();
      await store().append(`${scope}agent-1`, newEvents(3), 'no_stream');
      const fromStream = await store().readStream(`${scope}agent-1`);
      const fromAll = await store().readAll({ streamPrefixes: [scope] });
      expect(fromStream.map((event) => event.position)).toEqual(fromAll.map((event) => event.position));
    });
  });

  describe('readAll', () => {
    const twoStreams = async () => {
      const scope = uniqueScope();
      const agentEvents = newEvents(2);
      const conversationEvents = newEvents(2);
      await store().append(`${scope}agent-1`, [agentEvents[0]], 'no_stream');
      await store().append(`${scope}conversation-1`, [conversationEvents[0]], 'no_stream');
      await store().append(`${scope}agent-1`, [agentEvents[1]], 0);
      await store().append(`${scope}conversation-1`, [conversationEvents[1]], 0);
      const inOrder = [agentEvents[0], conversationEvents[0], agentEvents[1], conversationEvents[1]];
      return { scope, agentIds: idsOf(agentEvents), conversationIds: idsOf(conversationEvents), allIds: idsOf(inOrder) };
    };

    it('reads the events of the given prefix in global order', async () => {
      const { scope, allIds } = await twoStreams();
      const all = await store().readAll({ streamPrefixes: [scope] });
      expect(idsOf(all)).toEqual(allIds);
      expect(positionsIncrease(all)).toBe(true);
    });

    it('keeps only streams starting with one of the prefixes', async () => {
      const { scope, agentIds, conversationIds } = await twoStreams();
      expect(idsOf(await store().readAll({ streamPrefixes: [`${scope}agent-`] }))).toEqual(agentIds);
      expect(idsOf(await store().readAll({ streamPrefixes: [`${scope}conversation-`] }))).toEqual(conversationIds);
      expect(await store().readAll({ streamPrefixes: [`${scope}routing-`] })).toEqual([]);
    });

    it('accepts several prefixes', async () => {
      const { scope, allIds } = await twoStreams();
      const all = await store().readAll({ streamPrefixes: [`${scope}conversation-`, `${scope}agent-`] });
      expect(idsOf(all)).toEqual(allIds);
    });

    it('starts after the given position, exclusive', async () => {
      const { scope, allIds } = await twoStreams();
      const [, second] = await store().readAll({ streamPrefixes: [scope] });
      const rest = await store().readAll({ streamPrefixes: [scope], after: second.position });
      expect(idsOf(rest)).toEqual(allIds.slice(2));
    });

    it('stops at maxCount', async () => {
      const { scope, allIds } = await twoStreams();
      expect(idsOf(await store().readAll({ streamPrefixes: [scope], maxCount: 3 }))).toEqual(allIds.slice(0, 3));
    });

    it('reports a head position at or after the newest event appended', async () => {
      const { scope } = await twoStreams();
      const newest = (await store().readAll({ streamPrefixes: [scope] })).at(-1);
      const head = await store().headPosition();
      expect(head).toBeDefined();
      expect(comparePositions(head!, newest!.position)).toBeGreaterThanOrEqual(0);
    });
  });
};
