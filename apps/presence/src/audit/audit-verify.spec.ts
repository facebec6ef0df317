import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CommandRunner, SqliteEventStore } from '@app/event-store';
import type { AgentStatus } from '@app/kernel';
import { agentStreamId, presenceDecider, type PresenceCommand } from '@app/presence-domain';
import { AUDIT_EXIT, parseAuditArguments, runAuditVerify } from './audit-verify.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
let commands = 0;
const metadata = (minute: number, actor: { kind: 'agent' | 'admin'; id: string }) =>
  ({ now: at(minute), actor, commandId: `cmd-${++commands}`, correlationId: 'audit-spec' });

const register = (agentId: string): PresenceCommand => ({
  type: 'PutAgentProfile', data: { agentId, displayName: agentId, teams: ['sales'], maxConcurrentConversations: 2 },
  metadata: metadata(0, { kind: 'admin', id: 'admin-1' }),
});
const setStatus = (agentId: string, status: AgentStatus, minute: number): PresenceCommand => ({
  type: 'SetAgentStatus', data: { agentId, status, reason: `going ${status}` }, metadata: metadata(minute, { kind: 'agent', id: agentId }),
});

describe('npm run audit:verify', () => {
  let folder: string;
  let path: string;
  let store: SqliteEventStore;
  let lines: string[];
  const output = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(`err: ${line}`) };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    path = join(folder, 'events.db');
    lines = [];
    const writer = new SqliteEventStore(path);
    const runner = new CommandRunner(writer, presenceDecider);
    for (const agentId of ['a1', 'a2']) {
      await runner.run(agentStreamId(agentId), register(agentId));
      for (const [minute, status] of [[1, 'online'], [2, 'away'], [3, 'online']] as const) await runner.run(agentStreamId(agentId), setStatus(agentId, status, minute));
    }
    await writer.close();
    store = new SqliteEventStore(path, { readonly: true });
  });

  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const tamper = (sql: string): void => {
    const db = new Database(path);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };

  it('exits 0 when every agent stream is intact, and says how much it checked', async () => {
    expect(await runAuditVerify(store, [], output)).toBe(AUDIT_EXIT.intact);
    expect(lines).toEqual(['2 agent streams checked, 0 broken, 8 events in intact streams']);
  });

  it('exits non-zero naming the stream and revision of an edited event', async () => {
    tamper("UPDATE events SET data = replace(data, 'going away', 'going awax') WHERE stream_id = 'agent-a2'");
    expect(await runAuditVerify(store, [], output)).toBe(AUDIT_EXIT.broken);
    expect(lines[0]).toMatch(/^BROKEN agent-a2 at revision 2: /);
    expect(lines[1]).toBe('2 agent streams checked, 1 broken, 4 events in intact streams');
  });

  it('checks one agent with --agent and answers its head', async () => {
    expect(await runAuditVerify(store, ['--agent', 'a1'], output)).toBe(AUDIT_EXIT.intact);
    expect(lines).toEqual([expect.stringMatching(/^ok agent-a1: 4 events, head [0-9a-f]{64}$/)]);
  });

  it('exits non-zero for one agent whose event was deleted', async () => {
    tamper("DELETE FROM events WHERE stream_id = 'agent-a1' AND revision = 1");
    expect(await runAuditVerify(store, ['--agent', 'a1'], output)).toBe(AUDIT_EXIT.broken);
    expect(lines).toEqual([expect.stringMatching(/^BROKEN agent-a1 at revision 1: revision 1 is missing/)]);
  });

  it('finds a chain value stripped from the first event, at the event after it', async () => {
    tamper("UPDATE events SET metadata = json_remove(metadata, '$.chain') WHERE stream_id = 'agent-a1' AND revision = 0");
    expect(await runAuditVerify(store, [], output)).toBe(AUDIT_EXIT.broken);
    expect(lines[0]).toMatch(/^BROKEN agent-a1 at revision 1: the chain value does not match/);
  });

  it('accepts a stream that begins with events written before chaining, and says they are not covered', async () => {
    const writer = new SqliteEventStore(path);
    await writer.append(agentStreamId('a0'), [{
      id: '00000000-0000-4000-8000-000000000001', type: 'AgentRegistered',
      data: { agentId: 'a0', displayName: 'a0', teams: ['sales'], maxConcurrentConversations: 1 },
      metadata: { schemaVersion: 1, occurredAt: at(0).toISOString(), actor: { kind: 'admin', id: 'admin-1' }, causationId: 'old', correlationId: 'old' },
    }], 'no_stream');
    await new CommandRunner(writer, presenceDecider).run(agentStreamId('a0'), setStatus('a0', 'online', 1));
    await writer.close();
    expect(await runAuditVerify(store, ['--agent', 'a0'], output)).toBe(AUDIT_EXIT.intact);
    expect(await runAuditVerify(store, [], output)).toBe(AUDIT_EXIT.intact);
    expect(lines).toEqual([
      expect.stringMatching(/^ok agent-a0: 2 events, of which the first 1 predate chaining and are not covered, head [0-9a-f]{64}$/),
      '3 agent streams checked, 0 broken, 10 events in intact streams; 1 begin with events written before chaining, which the chain does not cover',
    ]);
  });

  it('refuses an unknown agent and bad arguments with the usage exit code', async () => {
    expect(await runAuditVerify(store, ['--agent', 'nobody'], output)).toBe(AUDIT_EXIT.usage);
    expect(await runAuditVerify(store, ['--agnet', 'a1'], output)).toBe(AUDIT_EXIT.usage);
    expect(lines).toEqual(['err: no stream agent-nobody: agent nobody is not registered in this store', expect.stringMatching(/^err: unknown argument "--agnet"\nusage:/)]);
  });

  it('reads the command line', () => {
    expect(parseAuditArguments([])).toEqual({ kind: 'every-agent' });
    expect(parseAuditArguments(['--agent', 'a1'])).toEqual({ kind: 'one-agent', agentId: 'a1' });
    expect(parseAuditArguments(['--agent'])).toEqual({ problem: '--agent needs an agent id' });
    expect(parseAuditArguments(['--agent', 'a1', 'x'])).toEqual({ problem: 'unexpected argument "x"' });
  });
});
