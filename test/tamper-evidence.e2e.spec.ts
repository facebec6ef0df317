import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { http, startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';
import { registerAgent, setStatus, uniqueId } from './support/presence-scenarios.js';
import { bearer } from './support/test-tokens.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = (file: string, args: string[], env: Record<string, string>): Promise<Run> =>
  new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, NODE_OPTIONS: '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });

/** Tests that start the audit as its own process (the first compiles it) on a busy 2-core machine. */
const SLOW = 60_000;

/** The compiled audit tool, as `npm run audit:verify` leaves it in .cache/tools (the first test runs the npm script itself). */
const AUDIT_MAIN = join('.cache', 'tools', 'apps', 'presence', 'src', 'audit', 'audit-verify.main.js');

/**
 * Someone with access to the embedded store's file edits an agent's history
 * behind the app's back, while it runs. Each case tampers with its own
 * agent (register, online, away, online, offline: revisions 0 to 4), and
 * both the HTTP check and the command-line audit must name the revision.
 */
describe('a tampered history is found at the right revision, over HTTP and by npm run audit:verify', () => {
  let app: PresenceTestApp;
  let dataDir: string;
  const audit = (...args: string[]) => run(process.execPath, [AUDIT_MAIN, ...args], { DATA_DIR: dataDir });
  const verify = (agentId: string, headers: Record<string, string> = {}) =>
    http(`${app.url}/v1/agents/${agentId}/status-history/verify`, 'GET', undefined, headers);

  const agentWithHistory = async (): Promise<string> => {
    const id = uniqueId('audited');
    await registerAgent(app, id);
    for (const status of ['online', 'away', 'online', 'offline']) await setStatus(app, id, status);
    return id;
  };

  /** Plain SQL on the app's own file, as anyone with file access could. */
  const edit = (sql: string, ...parameters: unknown[]): void => {
    const db = new Database(join(dataDir, 'events.sqlite'));
    try {
      db.prepare(sql).run(...parameters);
    } finally {
      db.close();
    }
  };

  /** Changes the one character `pattern` matches first, to `replace` it with. */
  const changeOneByte = (agentId: string, column: 'data' | 'metadata', revision: number, pattern: RegExp, replace: (old: string) => string): void => {
    const db = new Database(join(dataDir, 'events.sqlite'));
    try {
      const row = db.prepare(`SELECT ${column} AS text FROM events WHERE stream_id = ? AND revision = ?`).get(`agent-${agentId}`, revision) as { text: string };
      const at = row.text.search(pattern);
      if (at < 0) throw new Error(`no ${pattern} in ${row.text}`);
      const changed = `${row.text.slice(0, at)}${replace(row.text[at])}${row.text.slice(at + 1)}`;
      db.prepare(`UPDATE events SET ${column} = ? WHERE stream_id = ? AND revision = ?`).run(changed, `agent-${agentId}`, revision);
    } finally {
      db.close();
    }
  };

  const expectBrokenAt = async (agentId: string, revision: number) => {
    const answer = await verify(agentId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: false, brokenAt: revision });
    const cli = await audit('--agent', agentId);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`BROKEN agent-${agentId} at revision ${revision}:`);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tamper-e2e-'));
    app = await startPresenceTestApp({}, dataDir);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('vouches for an untouched history: over HTTP and with npm run audit:verify (exit 0)', async () => {
    const id = await agentWithHistory();
    const answer = await verify(id);
    expect(answer.body).toEqual({ ok: true, events: 5, head: expect.stringMatching(/^[0-9a-f]{64}$/), unchained: 0 });
    const cli = await run('npm', ['run', '--silent', 'audit:verify', '--', '--agent', id], { DATA_DIR: dataDir });
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout).toContain(`ok agent-${id}: 5 events, head ${answer.body.head}`);
  }, SLOW);

  it('finds one byte changed in the data of a stored event', async () => {
    const id = await agentWithHistory();
    changeOneByte(id, 'data', 2, /(?<="to":")a/, () => 'A');
    await expectBrokenAt(id, 2);
  }, SLOW);

  it('finds one byte changed in the metadata of a stored event', async () => {
    const id = await agentWithHistory();
    changeOneByte(id, 'metadata', 3, /\d(?=\.\d{3}Z)/, (digit) => String((Number(digit) + 1) % 10));
    await expectBrokenAt(id, 3);
  }, SLOW);

  it('finds one byte that leaves the stored data unreadable', async () => {
    const id = await agentWithHistory();
    changeOneByte(id, 'data', 4, /\{/, () => '[');
    await expectBrokenAt(id, 4);
  }, SLOW);

  it('finds a deleted event', async () => {
    const id = await agentWithHistory();
    edit('DELETE FROM events WHERE stream_id = ? AND revision = 1', `agent-${id}`);
    await expectBrokenAt(id, 1);
  }, SLOW);

  it('finds two events swapped', async () => {
    const id = await agentWithHistory();
    edit(`UPDATE events SET (type, data, metadata) = (SELECT o.type, o.data, o.metadata FROM events o
          WHERE o.stream_id = events.stream_id AND o.revision = CASE events.revision WHEN 1 THEN 3 ELSE 1 END)
          WHERE stream_id = ? AND revision IN (1, 3)`, `agent-${id}`);
    await expectBrokenAt(id, 1);
  }, SLOW);

  it('names every broken stream and its revision when auditing the whole store, and exits 1', async () => {
    const intact = await agentWithHistory();
    const cli = await audit();
    expect(cli.code).toBe(1);
    const broken = cli.stdout.split('\n').filter((line) => line.startsWith('BROKEN '));
    expect(broken.map((line) => /at revision (\d+)/.exec(line)?.[1]).sort()).toEqual(['1', '1', '2', '3', '4']);
    expect(cli.stdout).not.toContain(intact);
    expect(cli.stdout).toMatch(/agent streams checked, 5 broken/);
  }, SLOW);

  it('lets the agent and its supervisors check the history, not others, and answers 404 for an unknown agent', async () => {
    const id = await agentWithHistory();
    const statuses = await Promise.all([
      verify(id, await bearer(id, 'agent')), verify(id, await bearer('sup-1', 'supervisor', ['sales'])),
      verify(id, await bearer('other', 'agent')), verify(id, await bearer('sup-2', 'supervisor', ['billing'])),
      verify(id, await bearer('gateway', 'service')), verify('nobody'),
    ]);
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 403, 403, 403, 404]);
  });
});
