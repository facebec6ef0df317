import type { EventStore } from '@app/event-store';
import { describeAppendContract } from './event-store-append-contract.js';
import type { StoreUnderTest } from './event-store-contract-fixtures.js';
import { describeReadContract } from './event-store-read-contract.js';
import { describeSubscriptionContract } from './event-store-subscription-contract.js';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/**
 * The behaviour every EventStore adapter must show, written so that it also
 * holds against a real EventStoreDB: unique stream names per test, readAll
 * and subscriptions filtered to the test's own prefix, no assumption that
 * the log starts empty or that positions are contiguous.
 */
export const describeEventStoreContract = (name: string, factory: () => Promise<EventStoreUnderTest>): void => {
  describe(`${name} event store contract`, () => {
    let underTest: EventStoreUnderTest | undefined;
    const store: StoreUnderTest = () => {
      if (!underTest) throw new Error('the store under test was not created');
      return underTest.store;
    };

    beforeAll(async () => {
      underTest = await factory();
    });

    afterAll(async () => {
      await underTest?.dispose();
    });

    describeAppendContract(store);
    describeReadContract(store);
    describeSubscriptionContract(store);
  });
};
