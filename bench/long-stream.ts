import type { AgentStatus } from '@app/kernel';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@app/event-store';
import { agentStreamId } from '@app/presence-domain';

const AT = '2026-11-25T09:00:00.000Z';

const metadata = (agentId: string) => {
  const causationId = randomUUID();
  return { schemaVersion: 1, occurredAt: AT, actor: { kind: 'agent', id: agentId }, causationId, correlationId: causationId };
};

/**
 * Writes an agent's stream as a long working life leaves it: registration,
 * then `statusChanges` alternating status changes, ending away. Written
 * straight to the store with synchronous=NORMAL: setup, not measured, and
 * no snapshot is taken, so the first command of a cold runner reads it all.
 */
export const writeLongStream = async (path: string, agentId: string, statusChanges: number, batch = 5000): Promise<void> => {
  const store = new SqliteEventStore(path, { synchronous: 'NORMAL' });
  try {
    const registered: NewEvent = {
      id: randomUUID(), type: 'AgentRegistered',
      data: { agentId, displayName: 'Bench Agent', teams: ['sales'], maxConcurrentConversations: 3 }, metadata: metadata(agentId),
    };
    let revision = (await store.append(agentStreamId(agentId), [registered], 'no_stream')).nextExpectedRevision;
    const cycle: AgentStatus[] = ['online', 'away'];
    for (let written = 0; written < statusChanges; written += batch) {
      const events = Array.from({ length: Math.min(batch, statusChanges - written) }, (_, i): NewEvent => {
        const n = written + i;
        const to = n === statusChanges - 1 ? 'away' : cycle[n % 2];
        const from = n === 0 ? 'offline' : cycle[(n + 1) % 2];
        return { id: randomUUID(), type: 'AgentStatusChanged', data: { agentId, from, to, reason: null }, metadata: metadata(agentId) };
      });
      revision = (await store.append(agentStreamId(agentId), events, revision)).nextExpectedRevision;
    }
  } finally {
    await store.close();
  }
};
