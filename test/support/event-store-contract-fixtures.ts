import { randomUUID } from 'node:crypto';
import { comparePositions, type EventStore, type NewEvent, type RecordedEvent } from '@app/event-store';

/** The contract's view of the store under test; filled in by beforeAll. */
export type StoreUnderTest = () => EventStore;

/**
 * A prefix no other test (or earlier run against the same server) uses: a
 * real server's log is shared and never emptied, so every assertion on
 * readAll or a subscription filters to this prefix.
 */
export const uniqueScope = (): string => `contract${randomUUID().replace(/-/g, '').slice(0, 12)}-`;

export const newEvent = (data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'ContractEventRecorded',
  data,
  metadata,
});

export const newEvents = (count: number): NewEvent[] => Array.from({ length: count }, (_, n) => newEvent({ n }));

export const idsOf = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export const waitUntil = async (what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** Appends each event in its own call, so that each gets its own commit. */
export const appendOneByOne = async (store: EventStore, streamId: string, events: readonly NewEvent[]): Promise<void> => {
  for (const event of events) await store.append(streamId, [event], 'any');
};

/** Strictly increasing, compared as positions: never by arithmetic, since positions are not contiguous. */
export const positionsIncrease = (events: readonly RecordedEvent[]): boolean =>
  events.every((event, index) => index === 0 || comparePositions(event.position, events[index - 1].position) > 0);
