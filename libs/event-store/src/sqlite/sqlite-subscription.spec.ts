import type { RecordedEvent } from '../event-store.port.js';
import { positionOf } from '../global-position.js';
import { SqliteSubscription, type SubscriptionPage, type SubscriptionSource } from './sqlite-subscription.js';

const recordedAt = (sequence: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`, streamId: 'rare-1', revision: 0,
  position: positionOf(sequence), type: 'Tested', data: {}, metadata: {}, recordedAt: new Date(0),
});

/** A source whose pages are scripted; records where each read started, and lets the test announce commits. */
const scriptedSource = (pages: SubscriptionPage[]) => {
  const readsAfter: number[] = [];
  let announce: () => void = () => undefined;
  const source: SubscriptionSource = {
    readPage: (after) => {
      readsAfter.push(after);
      return pages.shift() ?? { events: [], scannedTo: after };
    },
    nextChange: () => new Promise<void>((resolve) => { announce = resolve; }),
  };
  return { source, readsAfter, commit: () => announce() };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SqliteSubscription', () => {
  it('reads on from where the last page looked through the log, not from its last match', async () => {
    // Given a filter that matched one event at 5 in a log looked through up to 1,000
    const { source, readsAfter, commit } = scriptedSource([{ events: [recordedAt(5)], scannedTo: 1000 }]);
    const delivered: number[] = [];
    const subscription = new SqliteSubscription(source, (event) => { delivered.push(Number(event.position.commit)); }, 0, 1000,
      { onError: (error) => { throw error; } }, () => undefined);
    await subscription.caughtUp;

    // When the next commit comes
    commit();
    await settle();

    // Then the next read starts after 1,000: the stretch 6..1,000 is not scanned again
    expect(delivered).toEqual([5]);
    expect(readsAfter).toEqual([0, 1000]);
    await subscription.stop();
  });
});
