import { CommandRunner, verifyStreamChain, verifyStreamChains } from '@app/event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import type { AgentStatus } from '@app/kernel';
import { agentStreamId, presenceDecider, type PresenceCommand } from '@app/presence-domain';
import { AUDIT_EXIT, runAuditVerify } from '../apps/presence/src/audit/audit-verify.js';
import { startEsdbWireServer, type AppendPath, type EsdbWireServer } from './support/esdb-wire-server/esdb-wire-server.js';

// The EventStoreDB adapter keeps metadata as JSON bytes; the chain must survive that round trip on both append RPCs.
const APPEND_PATHS: ReadonlyArray<readonly [name: string, appendPath: AppendPath]> = [
  ['Streams.Append path', 'append'],
  ['Streams.BatchAppend path', 'batch-append'],
];

let commands = 0;
const metadata = (minute: number, actor: { kind: 'agent' | 'admin'; id: string }) =>
  ({ now: new Date(Date.UTC(2026, 0, 5, 9, minute)), actor, commandId: `esdb-chain-${++commands}`, correlationId: 'esdb-chain' });
const register = (agentId: string): PresenceCommand => ({
  type: 'PutAgentProfile', data: { agentId, displayName: `Agent ${agentId} ✓`, teams: ['sales', 'ßupport'], maxConcurrentConversations: 2 },
  metadata: metadata(0, { kind: 'admin', id: 'admin-1' }),
});
const setStatus = (agentId: string, status: AgentStatus, minute: number): PresenceCommand => ({
  type: 'SetAgentStatus', data: { agentId, status, reason: 'a "quoted" reason' }, metadata: metadata(minute, { kind: 'agent', id: agentId }),
});

describe.each(APPEND_PATHS)('hash chain on the EventStoreDB adapter against the wire-compatible test server (not a real EventStoreDB), %s', (_name, appendPath) => {
  let server: EsdbWireServer;
  let store: EventStoreDbEventStore;
  const agents = ['c1', 'c2', 'c3'].map((id) => `${appendPath}-${id}`);

  beforeAll(async () => {
    server = await startEsdbWireServer({ appendPath });
    store = await EventStoreDbEventStore.connect(server.connectionString);
    const runner = new CommandRunner(store, presenceDecider);
    for (const agentId of agents) {
      await runner.run(agentStreamId(agentId), register(agentId));
      for (const [minute, status] of [[1, 'online'], [2, 'away'], [3, 'offline']] as const) await runner.run(agentStreamId(agentId), setStatus(agentId, status, minute));
    }
  });

  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('verifies every chained agent stream written through the command runner', async () => {
    expect(await verifyStreamChain(store, agentStreamId(agents[0]))).toMatchObject({ ok: true, events: 4, unchained: 0 });
    expect(await verifyStreamChains(store, 'agent-')).toEqual(agents.map((agentId) => ({
      streamId: agentStreamId(agentId), verdict: expect.objectContaining({ ok: true, events: 4, unchained: 0 }),
    })));
  });

  it('passes npm run audit:verify', async () => {
    const lines: string[] = [];
    expect(await runAuditVerify(store, [], { out: (line) => lines.push(line), err: (line) => lines.push(line) })).toBe(AUDIT_EXIT.intact);
    expect(lines).toEqual(['3 agent streams checked, 0 broken, 12 events in intact streams']);
  });

  it('finds an event whose stored metadata bytes were changed on the server', async () => {
    const stored = server.log.stream(agentStreamId(agents[2]))![1];
    const text = Buffer.from(stored.customMetadata).toString('utf8').replace('09:01', '09:00');
    (stored as { customMetadata: Uint8Array }).customMetadata = Buffer.from(text, 'utf8');
    expect(await verifyStreamChain(store, agentStreamId(agents[2]))).toMatchObject({ ok: false, brokenAt: 1 });
  });
});
