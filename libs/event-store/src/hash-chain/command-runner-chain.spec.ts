import { randomUUID } from 'node:crypto';
import { CommandRunner } from '../command-runner.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { verifyChain } from './chain-verifier.js';
import { CHAIN_METADATA_KEY, chainValue } from './hash-chain.js';
import { tally, tallyDecider, tallyStream } from './hash-chain.spec-support.js';

describe('the command runner links every appended event into its stream chain', () => {
  let store: SqliteEventStore;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });

  afterEach(() => store.close());

  it('stamps each appended event with a chain value that verifies', async () => {
    await tallyStream(store, 'agent-a1', 5);
    const events = await store.readStream('agent-a1');
    expect(events.every((event) => typeof event.metadata[CHAIN_METADATA_KEY] === 'string')).toBe(true);
    expect(verifyChain(events)).toMatchObject({ ok: true, events: 5, head: events[4].metadata[CHAIN_METADATA_KEY] });
  });

  it('links the first event of a new stream to the genesis', async () => {
    await tallyStream(store, 'agent-a1', 1);
    const [first] = await store.readStream('agent-a1');
    expect(first.metadata[CHAIN_METADATA_KEY]).toBe(chainValue('0'.repeat(64), first));
  });

  it('starts the chain with the first event appended after events written before chaining', async () => {
    await store.append('agent-a1', [{ id: randomUUID(), type: 'Tallied', data: { by: 1, total: 1, note: 'old' }, metadata: { causationId: 'old-1' } }], 'no_stream');
    await tallyStream(store, 'agent-a1', 2, 2);
    expect(verifyChain(await store.readStream('agent-a1'))).toMatchObject({ ok: true, events: 3, unchained: 1 });
  });

  it('keeps the chain whole when two writers race on one stream and one retries', async () => {
    const runner = new CommandRunner(store, tallyDecider);
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => runner.run('agent-a1', tally(n))));
    expect(verifyChain(await store.readStream('agent-a1'))).toMatchObject({ ok: true, events: 6, unchained: 0 });
  });

  it('appends nothing new for a retried command, so the chain does not fork', async () => {
    const runner = new CommandRunner(store, tallyDecider);
    await runner.run('agent-a1', tally(1));
    const retried = await runner.run('agent-a1', tally(1));
    expect(retried.replayed).toBe(true);
    expect(verifyChain(await store.readStream('agent-a1'))).toMatchObject({ ok: true, events: 1 });
  });

  it('links to the right chain value from a cached head, a snapshot plus its tail, and a head another writer moved on', async () => {
    const snapshotting = { ...tallyDecider, snapshotVersion: 1 };
    const cached = new CommandRunner(store, snapshotting, { snapshotEvery: 3 });
    for (let n = 1; n <= 7; n++) await cached.run('agent-a1', tally(n));
    // A second process: no cache, so it starts from the newest snapshot and reads the events after it.
    const cold = new CommandRunner(store, snapshotting, { cacheCapacity: 0, snapshotEvery: 3 });
    for (let n = 8; n <= 10; n++) await cold.run('agent-a1', tally(n));
    // The first process's cached head is now stale: its append conflicts, it reads on and links to the newest event.
    await cached.run('agent-a1', tally(11));
    expect(verifyChain(await store.readStream('agent-a1'))).toMatchObject({ ok: true, events: 11, unchained: 0 });
  });
});
