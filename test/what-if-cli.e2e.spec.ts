/**
 * `npm run what-if` as a user runs it: the built CLI (`npm run build`) as its
 * own process, on a SQLite log in DATA_DIR holding the hand-computed day
 * (libs/what-if/src/hand-computed-day.spec-support.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type EventStore, type JsonObject } from '@app/event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { HAND_COMPUTED_DAY } from '../libs/what-if/src/hand-computed-day.spec-support.js';
import { startEsdbWireServer, type EsdbWireServer } from './support/esdb-wire-server/esdb-wire-server.js';

const MAIN = resolve('dist', 'apps', 'what-if', 'src', 'main.js');

interface Run { readonly code: number; readonly stdout: string; readonly stderr: string }

const whatIf = (args: string[], env: Record<string, string>): Promise<Run> =>
  new Promise((done) => {
    execFile(process.execPath, [MAIN, ...args], { env: { ...process.env, NODE_OPTIONS: '', ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });

/** The hand-computed day, appended in log order. */
const record = async (store: EventStore): Promise<void> => {
  for (const event of HAND_COMPUTED_DAY) {
    await store.append(event.streamId, [{ id: randomUUID(), type: event.type, data: event.data as JsonObject, metadata: event.metadata as JsonObject }], 'any');
  }
  await store.close();
};

const day = ['--from', '2026-11-24', '--to', '2026-11-25'];

describe('npm run what-if', () => {
  let dataDir: string;
  const run = (args: string[], env: Record<string, string> = {}) => whatIf(args, { DATA_DIR: dataDir, ...env });

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before this test`);
    dataDir = mkdtempSync(join(tmpdir(), 'what-if-cli-'));
    await record(new SqliteEventStore(join(dataDir, 'events.sqlite')));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the policies side by side, with the waits computed by hand', async () => {
    const { code, stdout } = await run(day);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+least-loaded\s+round-robin\s+longest-idle$/m);
    expect(stdout).toMatch(/^conversations\s+7\s+7\s+7$/m);
    expect(stdout).toMatch(/^wait max\s+0\.0 s\s+57m 00s\s+57m 00s$/m);
    expect(stdout).toMatch(/^waited over service level \(20 s\)\s+0 \(0\.0 %\)\s+2 \(28\.6 %\)\s+1 \(14\.3 %\)$/m);
  });

  it('answers --json with each policy\'s figures, for one team when asked', async () => {
    const { code, stdout } = await run([...day, '--team', 'billing', '--policy', 'least-loaded,round-robin', '--json'], { SERVICE_LEVEL_SECONDS: '60' });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z', team: 'billing', serviceLevelSeconds: 60, carriedOver: 0 });
    expect(report.policies.map((policy: { policy: string; conversations: number; waitSeconds: { max: number }; overServiceLevel: number }) =>
      [policy.policy, policy.conversations, policy.waitSeconds.max, policy.overServiceLevel])).toEqual([['least-loaded', 1, 0, 0], ['round-robin', 1, 240, 1]]);
  });

  it('refuses bad arguments with exit 2, naming each problem, and prints nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['--from', '24/11/2026', '--to', '2026-11-25', '--policy', 'fastest']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('what-if: --from 24/11/2026: expected an ISO-8601 date');
    expect(stderr).toContain('what-if: --policy fastest: unknown; expected some of least-loaded, round-robin, longest-idle');
  });

  it('says where it looked when there is no log, with exit 2', async () => {
    const { code, stderr } = await whatIf(day, { DATA_DIR: join(dataDir, 'nothing-here') });
    expect(code).toBe(2);
    expect(stderr).toContain(`no event log at ${join(dataDir, 'nothing-here', 'events.sqlite')}`);
  });

  it('prints its usage for --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run -s what-if -- --from <ISO> --to <ISO>/);
  });

  it('leaves the log as it found it (opened read-only)', async () => {
    const before = readFileSync(join(dataDir, 'events.sqlite'));
    await run(day);
    expect(readFileSync(join(dataDir, 'events.sqlite')).equals(before)).toBe(true);
  });
});

describe('npm run what-if on EventStoreDB (the wire-compatible test server, not a real EventStoreDB)', () => {
  let server: EsdbWireServer;
  beforeAll(async () => {
    server = await startEsdbWireServer();
    await record(await EventStoreDbEventStore.connect(server.connectionString));
  });
  afterAll(async () => { await server?.stop(); });

  it('reads the same day through EVENT_STORE=eventstoredb and prints the same table', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'what-if-cli-'));
    await record(new SqliteEventStore(join(dataDir, 'events.sqlite')));
    const fromSqlite = await whatIf(day, { DATA_DIR: dataDir });
    rmSync(dataDir, { recursive: true, force: true });
    const fromEsdb = await whatIf(day, { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString });
    expect(fromEsdb.code).toBe(0);
    expect(fromEsdb.stdout).toBe(fromSqlite.stdout);
  });
});
