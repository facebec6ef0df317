import { CHAIN_GENESIS } from '../hash-chain/hash-chain.js';
import { positionOf } from '../global-position.js';
import type { StreamHead } from './stream-head.js';
import { StreamStateCache } from './stream-state-cache.js';

const head = (revision: number, state = `s${revision}`): StreamHead<string> => ({
  state, revision, position: positionOf(revision + 1), eventId: `e${revision}`, chainHead: CHAIN_GENESIS, snapshotRevision: undefined,
});

describe('the stream state cache', () => {
  it('keeps at most its capacity, forgetting the least recently used stream first', () => {
    const cache = new StreamStateCache<string>(2);
    cache.offer('agent-1', head(0));
    cache.offer('agent-2', head(0));
    cache.get('agent-1');
    cache.offer('agent-3', head(0));

    expect(cache.size).toBe(2);
    expect(cache.get('agent-2')).toBeUndefined();
    expect(cache.get('agent-1')).toEqual(head(0));
    expect(cache.get('agent-3')).toEqual(head(0));
  });

  it('keeps the newer head when an older one arrives late', () => {
    const cache = new StreamStateCache<string>(10);
    cache.offer('agent-1', head(5));
    cache.offer('agent-1', head(3));

    expect(cache.get('agent-1')?.revision).toBe(5);
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new StreamStateCache<string>(0);
    cache.offer('agent-1', head(0));

    expect(cache.get('agent-1')).toBeUndefined();
  });

  it('refuses a capacity that is not a whole number of streams', () => {
    expect(() => new StreamStateCache<string>(-1)).toThrow(RangeError);
    expect(() => new StreamStateCache<string>(1.5)).toThrow(RangeError);
  });
});
