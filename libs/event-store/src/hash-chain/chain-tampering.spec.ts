import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { verifyStreamChain, verifyStreamChains } from './stream-chain-verification.js';
import { tallyStream } from './hash-chain.spec-support.js';

/**
 * Someone with access to the embedded store's file edits it behind the
 * application's back; the chain must say where. Each test writes a real
 * SQLite file through the command runner, closes it, edits the file with
 * plain SQL, and verifies from a freshly opened store.
 */
describe('tampering with the SQLite file is found at the right revision', () => {
  let folder: string;
  let path: string;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chain-tampering-'));
    path = join(folder, 'events.db');
    const store = new SqliteEventStore(path);
    await tallyStream(store, 'agent-a1', 6);
    await tallyStream(store, 'agent-b2', 3);
    await store.close();
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const edit = (sql: string, ...parameters: unknown[]): void => {
    const db = new Database(path);
    try {
      db.prepare(sql).run(...parameters);
    } finally {
      db.close();
    }
  };

  /** Replaces one byte of a stored column, keeping the rest of the text as it is. */
  const changeOneByte = (column: 'data' | 'metadata', revision: number, from: string, to: string): void => {
    const db = new Database(path);
    try {
      const text = db.prepare(`SELECT ${column} FROM events WHERE stream_id = 'agent-a1' AND revision = ?`).pluck().get(revision) as string;
      const at = text.indexOf(from);
      if (at < 0 || from.length !== 1 || to.length !== 1) throw new Error(`no ${from} in ${text}`);
      db.prepare(`UPDATE events SET ${column} = ? WHERE stream_id = 'agent-a1' AND revision = ?`).run(`${text.slice(0, at)}${to}${text.slice(at + 1)}`, revision);
    } finally {
      db.close();
    }
  };

  const verdicts = async () => {
    const store = new SqliteEventStore(path, { readonly: true });
    try {
      return { one: await verifyStreamChain(store, 'agent-a1', 2), all: await verifyStreamChains(store, 'agent-', 4) };
    } finally {
      await store.close();
    }
  };

  const expectBrokenAt = async (revision: number) => {
    const { one, all } = await verdicts();
    expect(one).toMatchObject({ ok: false, brokenAt: revision });
    expect(all).toEqual([
      { streamId: 'agent-a1', verdict: expect.objectContaining({ ok: false, brokenAt: revision }) },
      { streamId: 'agent-b2', verdict: expect.objectContaining({ ok: true, events: 3 }) },
    ]);
  };

  it('verifies the untouched file', async () => {
    const { one, all } = await verdicts();
    expect(one).toMatchObject({ ok: true, events: 6, unchained: 0 });
    expect(all.map(({ verdict }) => verdict.ok)).toEqual([true, true]);
  });

  it('finds one byte changed in stored data', async () => {
    changeOneByte('data', 3, 'h', 'H');
    await expectBrokenAt(3);
  });

  it('finds one byte changed in stored metadata', async () => {
    changeOneByte('metadata', 4, '9', '8');
    await expectBrokenAt(4);
  });

  it('finds a deleted event', async () => {
    edit("DELETE FROM events WHERE stream_id = 'agent-a1' AND revision = 2");
    await expectBrokenAt(2);
  });

  it('finds a deleted event whose later revisions were moved down to close the gap', async () => {
    edit("DELETE FROM events WHERE stream_id = 'agent-a1' AND revision = 1");
    for (let revision = 2; revision <= 5; revision++) edit("UPDATE events SET revision = revision - 1 WHERE stream_id = 'agent-a1' AND revision = ?", revision);
    await expectBrokenAt(1);
  });

  it('finds two events whose contents were swapped', async () => {
    edit(`UPDATE events SET (type, data, metadata) = (SELECT o.type, o.data, o.metadata FROM events o
          WHERE o.stream_id = events.stream_id AND o.revision = CASE events.revision WHEN 2 THEN 4 ELSE 2 END)
          WHERE stream_id = 'agent-a1' AND revision IN (2, 4)`);
    await expectBrokenAt(2);
  });

  it('finds two events whose revisions were swapped', async () => {
    edit("UPDATE events SET revision = -1 WHERE stream_id = 'agent-a1' AND revision = 1");
    edit("UPDATE events SET revision = 1 WHERE stream_id = 'agent-a1' AND revision = 3");
    edit("UPDATE events SET revision = 3 WHERE stream_id = 'agent-a1' AND revision = -1");
    const { one, all } = await verdicts();
    expect(one).toMatchObject({ ok: false, brokenAt: 1 });
    expect(all[0].verdict).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('names the revision of an event whose stored text no longer parses, and checks the streams after it', async () => {
    changeOneByte('data', 3, '{', '[');
    const store = new SqliteEventStore(path, { readonly: true });
    try {
      expect(await verifyStreamChain(store, 'agent-a1', 4)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/cannot be read: data/) });
      expect(await verifyStreamChains(store, 'agent-', 4)).toEqual([
        { streamId: 'agent-a1', verdict: expect.objectContaining({ ok: false, brokenAt: 3, reason: expect.stringMatching(/cannot be read/) }) },
        { streamId: 'agent-b2', verdict: expect.objectContaining({ ok: true, events: 3 }) },
      ]);
    } finally {
      await store.close();
    }
  });
});
