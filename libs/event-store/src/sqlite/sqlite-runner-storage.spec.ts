import { randomUUID } from 'node:crypto';
import type { RecordedOutcome } from '../idempotency/idempotency-ledger.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteIdempotencyLedger } from './sqlite-runner-storage.js';

const HOUR = 3_600_000;
const unchanged = (state: string): RecordedOutcome => ({ kind: 'unchanged', revision: undefined, position: undefined, state });
const event = () => ({ id: randomUUID(), type: 'Tested', data: {}, metadata: {} });

describe('idempotency records in the SQLite side table', () => {
  let store: SqliteEventStore;
  let ledger: SqliteIdempotencyLedger;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    ledger = new SqliteIdempotencyLedger(store);
  });

  afterEach(() => store.close());

  it('commits an append with its record or neither: a record that cannot be made leaves no event', async () => {
    const failing = () => { throw new Error('no record'); };
    await expect(ledger.appendRecorded('agent-1', 'k1', [event()], 'no_stream', failing, { at: 0, notBefore: -HOUR })).rejects.toThrow('no record');

    await expect(store.readStream('agent-1')).rejects.toMatchObject({ code: 'STREAM_NOT_FOUND' });
    expect(await ledger.find('agent-1', 'k1')).toBeUndefined();
  });

  it('records an append with the revision and position the store gave it', async () => {
    const result = await ledger.appendRecorded('agent-1', 'k1', [event(), event()], 'no_stream',
      (appended) => ({ kind: 'appended', count: 2, revision: appended.nextExpectedRevision, position: appended.position, state: '{}' }),
      { at: 5, notBefore: 5 - HOUR });

    expect(await ledger.find('agent-1', 'k1')).toEqual({
      streamId: 'agent-1', commandId: 'k1', recordedAt: 5,
      outcome: { kind: 'appended', count: 2, revision: 1, position: result.position, state: '{}' },
    });
  });

  it('keeps the first record inside the window and lets an expired one be replaced', async () => {
    await ledger.remember({ streamId: 'agent-1', commandId: 'k1', outcome: unchanged('"first"') }, { at: 0, notBefore: -HOUR });
    const inside = await ledger.remember({ streamId: 'agent-1', commandId: 'k1', outcome: unchanged('"second"') }, { at: 10, notBefore: 10 - HOUR });
    const after = await ledger.remember({ streamId: 'agent-1', commandId: 'k1', outcome: unchanged('"third"') }, { at: 2 * HOUR, notBefore: HOUR });

    expect(inside).toMatchObject({ recordedAt: 0, outcome: { state: '"first"' } });
    expect(after).toMatchObject({ recordedAt: 2 * HOUR, outcome: { state: '"third"' } });
  });

  it('deletes records older than the window as it writes new ones, a bounded batch at a time', async () => {
    for (let i = 0; i < 999; i++) {
      await ledger.remember({ streamId: 'agent-1', commandId: `old-${i}`, outcome: unchanged('{}') }, { at: 0, notBefore: -HOUR });
    }
    await ledger.remember({ streamId: 'agent-1', commandId: 'new', outcome: unchanged('{}') }, { at: 2 * HOUR, notBefore: HOUR });

    expect(await ledger.find('agent-1', 'old-0')).toBeUndefined();
    expect(await ledger.find('agent-1', 'old-998')).toBeUndefined();
    expect(await ledger.find('agent-1', 'new')).toBeDefined();
  });
});
