import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore, type GlobalPosition, type RecordedEvent } from '@app/event-store';
import { PositionWaiters, reachStoreHead } from './position-waiters.js';

const event = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'Noted', data: { n }, metadata: {} });

/** A follower the test moves by hand, one event at a time. */
const follower = () => {
  const state = { position: undefined as GlobalPosition | undefined, waiters: undefined as unknown as PositionWaiters };
  state.waiters = new PositionWaiters(() => state.position);
  return { state, apply: (recorded: RecordedEvent) => { state.position = recorded.position; state.waiters.advance(); } };
};

describe('waiting for a follower of the log', () => {
  let folder: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'position-waiters-'));
    store = new SqliteEventStore(join(folder, 'events.sqlite'));
    await store.append('agent-a1', [event(1), event(2)], 'no_stream');
    await store.append('conversation-c1', [event(3)], 'no_stream');
  });

  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers at once for a position the follower has passed, and once it passes one it has not', async () => {
    const { state, apply } = follower();
    const [first, second] = await store.readAll();
    apply(first);
    expect(await state.waiters.waitFor(first.position, 1000)).toBe(true);
    const waiting = state.waiters.waitFor(second.position, 60_000);
    apply(second);
    expect(await waiting).toBe(true);
  });

  it('lets a waiter go unanswered when the follower stops', async () => {
    const { state } = follower();
    const [first] = await store.readAll();
    const waiting = state.waiters.waitFor(first.position, 60_000);
    state.waiters.cancelAll();
    expect(await waiting).toBe(false);
  });

  it('is current once every event of its streams the store held is applied, whatever other streams hold', async () => {
    const { state, apply } = follower();
    const agentEvents = await store.readAll({ streamPrefixes: ['agent-'] });
    const current = reachStoreHead(store, ['agent-'], state, 60_000);
    agentEvents.forEach(apply);
    expect(await current).toBe(true);
  });

  it('is not current when the follower does not get there in time', async () => {
    const { state } = follower();
    expect(await reachStoreHead(store, ['agent-'], state, 0)).toBe(false);
  });
});
