/** Given/when/then over decide and evolve, so specs read like the product's rules. */
import { expect } from '@jest/globals';
import { initialPresence, replay, type AgentPresence } from './agent-presence.js';
import { decide } from './decide.js';
import type { Actor } from './actor.js';
import type { AgentStatus } from './agent-status.js';
import type { CommandMetadata, PresenceCommand } from './presence-commands.js';
import { PRESENCE_EVENT_SCHEMA_VERSION, type PresenceEvent } from './presence-events.js';

export const NOW = new Date('2026-11-25T09:00:00.000Z');

export const given = (past: PresenceEvent[]) => ({
  when: (command: PresenceCommand) => ({
    then: (expected: PresenceEvent[]): void => {
      expect(decide(command, replay(past))).toEqual(expected);
    },
    thenThrows: (code: string): void => {
      expect(() => decide(command, replay(past))).toThrow(expect.objectContaining({ code }) as unknown as Error);
    },
    thenState: (check: (state: AgentPresence) => void): void => {
      const state = replay(past);
      check(replay(decide(command, state), state));
    },
  }),
});

export const stateAfter = (events: PresenceEvent[]): AgentPresence => replay(events, initialPresence());

const agent = (id: string): Actor => ({ kind: 'agent', id });
const supervisor = (id: string): Actor => ({ kind: 'supervisor', id });

export const commandMetadata = (actor: Actor, at: Date = NOW, commandId = 'cmd-1'): CommandMetadata => ({
  now: at, actor, commandId, correlationId: 'corr-1',
});

export const eventMetadata = (actor: Actor, at: Date = NOW, commandId = 'cmd-1') => ({
  schemaVersion: PRESENCE_EVENT_SCHEMA_VERSION, occurredAt: at.toISOString(), actor,
  causationId: commandId, correlationId: 'corr-1',
});

export const register = (agentId: string, teams = ['sales'], max = 2, displayName = 'Ada'): PresenceCommand => ({
  type: 'PutAgentProfile', data: { agentId, displayName, teams, maxConcurrentConversations: max },
  metadata: commandMetadata({ kind: 'admin', id: 'admin-1' }),
});

export const registered = (agentId: string, teams = ['sales'], max = 2, at: Date = NOW, displayName = 'Ada'): PresenceEvent => ({
  type: 'AgentRegistered', data: { agentId, displayName, teams, maxConcurrentConversations: max },
  metadata: eventMetadata({ kind: 'admin', id: 'admin-1' }, at),
});

export const profileChanged = (agentId: string, teams: string[], max: number, displayName = 'Ada'): PresenceEvent => ({
  type: 'AgentProfileChanged', data: { agentId, displayName, teams, maxConcurrentConversations: max },
  metadata: eventMetadata({ kind: 'admin', id: 'admin-1' }),
});

export const setStatus = (agentId: string, status: AgentStatus, reason?: string, at: Date = NOW): PresenceCommand => ({
  type: 'SetAgentStatus', data: { agentId, status, ...(reason === undefined ? {} : { reason }) },
  metadata: commandMetadata(agent(agentId), at),
});

export const changed = (agentId: string, from: AgentStatus, to: AgentStatus, reason: string | null = null, at: Date = NOW): PresenceEvent => ({
  type: 'AgentStatusChanged', data: { agentId, from, to, reason }, metadata: eventMetadata(agent(agentId), at),
});

export const override = (agentId: string, status: AgentStatus, by: { supervisorId: string; reason: string }, at: Date = NOW): PresenceCommand => ({
  type: 'OverrideAgentStatus', data: { agentId, status, reason: by.reason, supervisorId: by.supervisorId },
  metadata: commandMetadata(supervisor(by.supervisorId), at),
});

export const overridden = (agentId: string, from: AgentStatus, to: AgentStatus, supervisorId: string, reason: string, at: Date = NOW): PresenceEvent => ({
  type: 'AgentStatusOverridden', data: { agentId, from, to, reason, supervisorId },
  metadata: eventMetadata(supervisor(supervisorId), at),
});

const routingService: Actor = { kind: 'service', id: 'routing' };

export const accept = (agentId: string, conversationId: string, team = 'sales'): PresenceCommand => ({
  type: 'AcceptConversation', data: { agentId, conversationId, team }, metadata: commandMetadata(routingService),
});

export const conversationAssigned = (agentId: string, conversationId: string, team = 'sales'): PresenceEvent => ({
  type: 'AgentConversationAssigned', data: { agentId, conversationId, team }, metadata: eventMetadata(routingService),
});

export const release = (agentId: string, conversationId: string, reason: 'closed' | 'transferred' | 'assigned-elsewhere' = 'closed'): PresenceCommand => ({
  type: 'ReleaseConversation', data: { agentId, conversationId, reason }, metadata: commandMetadata(routingService),
});

export const conversationReleased = (agentId: string, conversationId: string, reason: 'closed' | 'transferred' | 'assigned-elsewhere' = 'closed'): PresenceEvent => ({
  type: 'AgentConversationReleased', data: { agentId, conversationId, reason }, metadata: eventMetadata(routingService),
});
