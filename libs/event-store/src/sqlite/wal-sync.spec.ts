import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalSync } from './wal-sync.js';

/** A sync the test finishes by hand, counting how many began. */
const manualSync = () => {
  const running: { finish: () => void; fail: (error: Error) => void }[] = [];
  const syncFile = () => new Promise<void>((resolve, reject) => { running.push({ finish: resolve, fail: reject }); });
  return { syncFile, running };
};

/** The WAL is opened on the thread pool before the first sync: wait for the sync itself, not a number of turns. */
const began = async (running: readonly unknown[], count: number): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (running.length < count) {
    if (Date.now() > deadline) throw new Error(`${count} sync(s) did not begin`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

const settled = async <T>(promise: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> => {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(() => { state = 'resolved'; }, () => { state = 'rejected'; });
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('WalSync', () => {
  let dir: string;
  let wal: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    wal = join(dir, 'events.sqlite-wal');
    writeFileSync(wal, 'frames');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('does not resolve a flush before its sync finished', async () => {
    const { syncFile, running } = manualSync();
    const walSync = new WalSync(wal, syncFile);

    const flushed = walSync.flush();
    await began(running, 1);
    expect(await settled(flushed)).toBe('pending');

    running[0].finish();
    expect(await settled(flushed)).toBe('resolved');
    await walSync.close();
  });

  it('makes flushes asked for during a sync wait for one more sync, which they all share', async () => {
    const { syncFile, running } = manualSync();
    const walSync = new WalSync(wal, syncFile);
    const first = walSync.flush();
    await began(running, 1);

    // Their frames may have been written after the running sync began: it does not count for them.
    const second = walSync.flush();
    const third = walSync.flush();
    running[0].finish();
    expect(await settled(first)).toBe('resolved');
    expect(await settled(second)).toBe('pending');
    await began(running, 2);

    running[1].finish();
    expect(await settled(second)).toBe('resolved');
    expect(await settled(third)).toBe('resolved');
    expect(running).toHaveLength(2);
    await walSync.close();
  });

  it('rejects the flushes a failed sync was for, and syncs afresh for the next', async () => {
    const { syncFile, running } = manualSync();
    const walSync = new WalSync(wal, syncFile);
    const failed = walSync.flush();
    failed.catch(() => undefined);
    await began(running, 1);
    running[0].fail(new Error('EIO'));
    expect(await settled(failed)).toBe('rejected');

    const next = walSync.flush();
    await began(running, 2);
    running[1].finish();
    expect(await settled(next)).toBe('resolved');
    await walSync.close();
  });

  it('syncs a real file with fdatasync by default', async () => {
    const walSync = new WalSync(wal);
    await expect(walSync.flush()).resolves.toBeUndefined();
    await walSync.close();
  });

  it('fails a flush when the WAL cannot be opened, naming the error', async () => {
    const walSync = new WalSync(join(dir, 'missing', 'events.sqlite-wal'));
    await expect(walSync.flush()).rejects.toThrow(/ENOENT/);
    await walSync.close();
  });
});
