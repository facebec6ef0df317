import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, NewEvent } from '@app/event-store';
import { type AgentStatus, type CommandMetadata } from '@app/kernel';
import { agentStreamId } from '@app/presence-domain';
import { PutAgentProfileCommand } from '../apps/presence/src/agents/put-profile/put-profile.handler.js';
import { SetAgentStatusCommand } from '../apps/presence/src/agents/set-status/set-status.handler.js';
import type { KeepAliveClient } from './http-client.js';

/**
 * One way of changing an agent's status. Every call must append exactly one
 * event: callers alternate online and away, and no two workers share an agent.
 */
export interface StatusPath {
  readonly name: string;
  register(agentId: string): Promise<void>;
  setStatus(agentId: string, status: AgentStatus): Promise<void>;
  /** Called before each timed run. */
  beforeRun?(): void;
}

export const PROFILE = { displayName: 'Bench Agent', teams: ['sales'], maxConcurrentConversations: 3 };

/**
 * PUT /v1/agents/{id}/status against the real app: HTTP parsing, validation, bus, runner, read-your-writes wait.
 * `withKeys`: every command carries an Idempotency-Key, so its outcome is looked up and recorded.
 */
export const httpPath = (client: KeepAliveClient, name = 'HTTP', { withKeys = false } = {}): StatusPath => {
  // With keys on the same app as the path without: agents of its own, so each path's toggling stays in step with its agents.
  const id = (agentId: string) => (withKeys ? `${agentId}-keyed` : agentId);
  return {
    name,
    register: async (agentId) => { await client.send('PUT', `/v1/agents/${id(agentId)}`, PROFILE); },
    setStatus: async (agentId, status) => {
      await client.send('PUT', `/v1/agents/${id(agentId)}/status`, { status }, withKeys ? { 'idempotency-key': randomUUID() } : {});
    },
    beforeRun: () => client.freshSockets(),
  };
};

/** As the HTTP edge makes it for a request without an Idempotency-Key (the HTTP path sends none either). */
const metadata = (agentId: string): CommandMetadata => {
  const commandId = randomUUID();
  return { now: new Date(), actor: { kind: 'agent', id: agentId }, commandId, correlationId: commandId, freshCommandId: true };
};

/** CommandBus.execute in a Nest context without HTTP: bus, runner (load, decide, append); the projection runs alongside. */
export const busPath = (commands: CommandBus): StatusPath => ({
  name: 'command bus',
  register: async (agentId) => {
    await commands.execute(new PutAgentProfileCommand({ type: 'PutAgentProfile', data: { agentId, ...PROFILE }, metadata: metadata(agentId) }));
  },
  setStatus: async (agentId, status) => {
    await commands.execute(new SetAgentStatusCommand({ type: 'SetAgentStatus', data: { agentId, status }, metadata: metadata(agentId) }));
  },
});

/** The event a status command appends, shaped as decide() shapes it. */
const statusChanged = (agentId: string, from: AgentStatus, to: AgentStatus): NewEvent => {
  const commandId = randomUUID();
  return {
    id: randomUUID(),
    type: 'AgentStatusChanged',
    data: { agentId, from, to, reason: null },
    metadata: { schemaVersion: 1, occurredAt: new Date().toISOString(), actor: { kind: 'agent', id: agentId }, causationId: commandId, correlationId: commandId },
  };
};

const registered = (agentId: string): NewEvent => {
  const commandId = randomUUID();
  return {
    id: randomUUID(),
    type: 'AgentRegistered',
    data: { agentId, ...PROFILE },
    metadata: { schemaVersion: 1, occurredAt: new Date().toISOString(), actor: { kind: 'admin', id: 'bench' }, causationId: commandId, correlationId: commandId },
  };
};

/** store.append of one event with the expected revision: the floor under every command. */
export const rawPath = (store: EventStore): StatusPath => {
  const revisions = new Map<string, number>();
  const statuses = new Map<string, AgentStatus>();
  return {
    name: 'raw append',
    register: async (agentId) => {
      const result = await store.append(agentStreamId(agentId), [registered(agentId)], 'no_stream');
      revisions.set(agentId, result.nextExpectedRevision);
      statuses.set(agentId, 'offline');
    },
    setStatus: async (agentId, status) => {
      const event = statusChanged(agentId, statuses.get(agentId)!, status);
      const result = await store.append(agentStreamId(agentId), [event], revisions.get(agentId)!);
      revisions.set(agentId, result.nextExpectedRevision);
      statuses.set(agentId, status);
    },
  };
};
