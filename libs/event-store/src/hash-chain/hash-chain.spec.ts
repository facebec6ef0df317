import type { JsonObject, NewEvent } from '../event-store.port.js';
import { verifyChain, type VerifiableEvent } from './chain-verifier.js';
import { CHAIN_GENESIS, CHAIN_METADATA_KEY, chainHeadAfter, chainValue, linkToChain } from './hash-chain.js';

const newEvent = (n: number, metadata: JsonObject = {}): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'Tallied',
  data: { by: n, note: `note ${n}` }, metadata: { occurredAt: `2026-01-01T09:0${n}:00.000Z`, ...metadata },
});

/** The events as a store hands them back: JSON round trip, revisions from 0. */
const stored = (events: readonly NewEvent[], firstRevision = 0): VerifiableEvent[] =>
  events.map((event, i) => ({ revision: firstRevision + i, ...JSON.parse(JSON.stringify({ type: event.type, data: event.data, metadata: event.metadata })) }));

const chained = (count: number, head = CHAIN_GENESIS): VerifiableEvent[] =>
  stored(linkToChain(head, Array.from({ length: count }, (_, i) => newEvent(i + 1))));

const renumbered = (events: VerifiableEvent[]): VerifiableEvent[] => events.map((event, revision) => ({ ...event, revision }));

describe('linking events into a chain', () => {
  it('hashes the previous value together with the canonical type, data and metadata', () => {
    const [first] = linkToChain(CHAIN_GENESIS, [newEvent(1)]);
    expect(first.metadata[CHAIN_METADATA_KEY]).toBe(chainValue(CHAIN_GENESIS, newEvent(1)));
    expect(first.metadata[CHAIN_METADATA_KEY]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order metadata keys were written in', () => {
    const reordered: NewEvent = { ...newEvent(1), metadata: { z: 1, occurredAt: '2026-01-01T09:01:00.000Z' } };
    const ordered: NewEvent = { ...newEvent(1), metadata: { occurredAt: '2026-01-01T09:01:00.000Z', z: 1 } };
    expect(chainValue(CHAIN_GENESIS, reordered)).toBe(chainValue(CHAIN_GENESIS, ordered));
  });

  it('links each event to the one before it', () => {
    const [first, second] = linkToChain(CHAIN_GENESIS, [newEvent(1), newEvent(2)]);
    expect(second.metadata[CHAIN_METADATA_KEY]).toBe(chainValue(first.metadata[CHAIN_METADATA_KEY] as string, newEvent(2)));
  });

  it('continues from the chain value of the last stored event, or from the genesis when it has none', () => {
    const [first] = chained(1);
    expect(chainHeadAfter(first)).toBe(first.metadata[CHAIN_METADATA_KEY]);
    expect(chainHeadAfter(stored([newEvent(1)])[0])).toBe(CHAIN_GENESIS);
    expect(chainHeadAfter(undefined)).toBe(CHAIN_GENESIS);
  });
});

describe('verifying a chain', () => {
  it('accepts an untouched stream and answers its length and head', () => {
    const events = chained(3);
    expect(verifyChain(events)).toEqual({ ok: true, events: 3, head: events[2].metadata[CHAIN_METADATA_KEY], unchained: 0 });
  });

  it('accepts events written before chaining began, up to the first chained event', () => {
    const legacy = stored([newEvent(1), newEvent(2)]);
    const events = [...legacy, ...chained(2).map((event, i) => ({ ...event, revision: 2 + i }))];
    expect(verifyChain(events)).toMatchObject({ ok: true, events: 4, unchained: 2 });
  });

  it('answers an empty stream with no head', () =>
    expect(verifyChain([])).toEqual({ ok: true, events: 0, head: null, unchained: 0 }));

  it('finds changed data at its revision', () => {
    const events = chained(4);
    events[2] = { ...events[2], data: { ...events[2].data, by: 99 } };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('finds changed metadata at its revision', () => {
    const events = chained(4);
    events[1] = { ...events[1], metadata: { ...events[1].metadata, occurredAt: '2025-12-31T23:59:59.000Z' } };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('finds a changed event type at its revision', () => {
    const events = chained(3);
    events[0] = { ...events[0], type: 'Untallied' };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it('finds a deleted event where the gap in revisions begins', () =>
    expect(verifyChain(chained(4).filter((event) => event.revision !== 2))).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/missing/) }));

  it('finds a deleted event even when the later revisions were renumbered to hide the gap', () =>
    expect(verifyChain(renumbered(chained(4).filter((event) => event.revision !== 1)))).toMatchObject({ ok: false, brokenAt: 1 }));

  it('finds two swapped events at the first of them', () => {
    const [a, b, c, d] = chained(4);
    expect(verifyChain(renumbered([a, c, b, d]))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('finds an event whose chain value was removed after chaining began', () => {
    const events = chained(3);
    const { [CHAIN_METADATA_KEY]: _removed, ...metadata } = events[2].metadata;
    events[2] = { ...events[2], metadata };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/missing/) });
  });

  it('finds a chain value that is no SHA-256', () => {
    const events = chained(2);
    events[0] = { ...events[0], metadata: { ...events[0].metadata, [CHAIN_METADATA_KEY]: 42 } };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 0, reason: expect.stringMatching(/SHA-256/) });
  });

  it('finds a recomputed chain value on an edited event by the mismatch at the next event', () => {
    const events = chained(3);
    const edited = { ...events[1], data: { ...events[1].data, by: 99 } };
    const previous = events[0].metadata[CHAIN_METADATA_KEY] as string;
    events[1] = { ...edited, metadata: { ...edited.metadata, [CHAIN_METADATA_KEY]: chainValue(previous, edited) } };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
