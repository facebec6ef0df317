import type { GlobalPosition, RecordedEvent, Subscription } from '@app/event-store';
import {
  appendOneByOne,
  idsOf,
  newEvents,
  positionsIncrease,
  uniqueScope,
  waitUntil,
  type StoreUnderTest,
} from './event-store-contract-fixtures.js';

interface Subscriber {
  readonly received: RecordedEvent[];
  readonly subscription: Subscription;
  readonly errors: Error[];
}

const subscribe = (store: StoreUnderTest, scope: string, after?: GlobalPosition): Subscriber => {
  const received: RecordedEvent[] = [];
  const errors: Error[] = [];
  const subscription = store().subscribeToAll(
    (event) => {
      received.push(event);
    },
    { after, streamPrefixes: [scope] },
    { onError: (error) => errors.push(error) },
  );
  return { received, subscription, errors };
};

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const describeSubscriptionContract = (store: StoreUnderTest): void => {
  describe('subscribeToAll', () => {
    it('delivers the existing events, resolves caughtUp, then delivers new events live', async () => {
      const scope = uniqueScope();
      const before = newEvents(3);
      const after = newEvents(2);
      await appendOneByOne(store(), `${scope}agent-1`, before);

      const { received, subscription } = subscribe(store, scope);
      await subscription.caughtUp;
      expect(idsOf(received)).toEqual(idsOf(before));

      await store().append(`${scope}agent-2`, after, 'no_stream');
      await waitUntil('the live events arrive', () => received.length === 5);
      expect(idsOf(received)).toEqual(idsOf([...before, ...after]));
      expect(positionsIncrease(received)).toBe(true);
      await subscription.stop();
    });

    it('resolves caughtUp when there is nothing to catch up on', async () => {
      const { subscription, received } = subscribe(store, uniqueScope());
      await subscription.caughtUp;
      expect(received).toEqual([]);
      await subscription.stop();
    });

    it('starts after the given position, exclusive', async () => {
      const scope = uniqueScope();
      const events = newEvents(4);
      await appendOneByOne(store(), `${scope}agent-1`, events);
      const [, second] = await store().readAll({ streamPrefixes: [scope] });

      const { received, subscription } = subscribe(store, scope, second.position);
      await subscription.caughtUp;
      expect(idsOf(received)).toEqual(idsOf(events.slice(2)));
      await subscription.stop();
    });

    it('delivers only the events of streams with the given prefix', async () => {
      const scope = uniqueScope();
      const agentEvents = newEvents(2);
      await store().append(`${scope}agent-1`, agentEvents, 'no_stream');
      await store().append(`${scope}conversation-1`, newEvents(2), 'no_stream');

      const { received, subscription } = subscribe(store, `${scope}agent-`);
      await subscription.caughtUp;
      await store().append(`${scope}conversation-1`, newEvents(1), 1);
      const live = newEvents(1);
      await store().append(`${scope}agent-1`, live, 1);
      await waitUntil('the live agent event arrives', () => received.length === 3);
      expect(idsOf(received)).toEqual(idsOf([...agentEvents, ...live]));
      await subscription.stop();
    });

    it('misses and repeats nothing across a stop and a resubscription from the last event seen', async () => {
      const scope = uniqueScope();
      const events = newEvents(20);
      await appendOneByOne(store(), `${scope}agent-1`, events.slice(0, 10));

      const seen: RecordedEvent[] = [];
      let first: Subscription | undefined;
      first = store().subscribeToAll(
        (event) => {
          seen.push(event);
          if (seen.length === 4) void first?.stop();
        },
        { streamPrefixes: [scope] },
        { onError: (error) => { throw error; } },
      );
      await waitUntil('four events arrive', () => seen.length >= 4);
      await first.stop();
      expect(seen).toHaveLength(4);

      const appending = appendOneByOne(store(), `${scope}agent-1`, events.slice(10));
      const second = subscribe(store, scope, seen[3].position);
      await appending;
      await waitUntil('every event arrives', () => seen.length + second.received.length >= 20);
      await settle(100);
      await second.subscription.stop();

      const delivered = [...seen, ...second.received];
      expect(idsOf(delivered)).toEqual(idsOf(events));
      expect(positionsIncrease(delivered)).toBe(true);
    });

    it('calls the handler for one event at a time, in order, waiting for its promise', async () => {
      const scope = uniqueScope();
      const events = newEvents(6);
      await appendOneByOne(store(), `${scope}agent-1`, events.slice(0, 3));
      let running = 0;
      let mostAtOnce = 0;
      const received: RecordedEvent[] = [];

      const subscription = store().subscribeToAll(
        async (event) => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await settle(5);
          received.push(event);
          running -= 1;
        },
        { streamPrefixes: [scope] },
        { onError: (error) => { throw error; } },
      );
      await appendOneByOne(store(), `${scope}agent-1`, events.slice(3));
      await waitUntil('all events are handled', () => received.length === 6);
      await subscription.stop();

      expect(mostAtOnce).toBe(1);
      expect(idsOf(received)).toEqual(idsOf(events));
    });

    it('calls the handler no more once stop has resolved', async () => {
      const scope = uniqueScope();
      await appendOneByOne(store(), `${scope}agent-1`, newEvents(2));
      const { received, subscription } = subscribe(store, scope);
      await subscription.caughtUp;
      await subscription.stop();

      await appendOneByOne(store(), `${scope}agent-1`, newEvents(2));
      await settle(200);
      expect(received).toHaveLength(2);
    });

    it('stops and reports through onError when the handler throws', async () => {
      const scope = uniqueScope();
      await appendOneByOne(store(), `${scope}agent-1`, newEvents(3));
      const failure = new Error('projection failed');
      const errors: Error[] = [];
      let calls = 0;

      const subscription = store().subscribeToAll(
        () => {
          calls += 1;
          if (calls === 2) throw failure;
        },
        { streamPrefixes: [scope] },
        { onError: (error) => errors.push(error) },
      );
      await waitUntil('onError is called', () => errors.length === 1);
      await appendOneByOne(store(), `${scope}agent-1`, newEvents(1));
      await settle(200);
      await subscription.stop();

      expect(errors).toEqual([failure]);
      expect(calls).toBe(2);
    });
  });
};
