/** Given/when/then over the presence decider, and builders of its commands and events, so specs read like the rules. */
import type { Actor, AgentStatus, CommandMetadata } from '@app/kernel';
import { deciderSpecification } from '@app/kernel/testing';
import { initialPresence, replay, type AgentPresence } from './agent-presence.js';
import type { PresenceCommand, SystemSetStatus } from './presence-commands.js';
import { presenceDecider } from './presence-decider.js';
import { PRESENCE_EVENT_SCHEMA_VERSION, type PresenceEvent } from './presence-events.js';
import type { SystemReasonCode } from './system-reasons.js';

export const NOW = new Date('2026-11-25T09:00:00.000Z');

export const given = deciderSpecification(presenceDecider);

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

export const setStatus = (agentId: string, status: AgentStatus, reason?: string, at: Date = NOW, reasonCode?: string): PresenceCommand => ({
  type: 'SetAgentStatus',
  data: { agentId, status, ...(reason === undefined ? {} : { reason }), ...(reasonCode === undefined ? {} : { reasonCode }) },
  metadata: commandMetadata(agent(agentId), at),
});

export const changed = (
  agentId: string, from: AgentStatus, to: AgentStatus, reason: string | null = null, at: Date = NOW, reasonCode: string | null = null,
): PresenceEvent => ({
  type: 'AgentStatusChanged', data: { agentId, from, to, reason, reasonCode }, metadata: eventMetadata(agent(agentId), at),
});

export const override = (
  agentId: string, status: AgentStatus, by: { supervisorId: string; reason: string; reasonCode?: string }, at: Date = NOW,
): PresenceCommand => ({
  type: 'OverrideAgentStatus',
  data: { agentId, status, reason: by.reason, supervisorId: by.supervisorId, ...(by.reasonCode === undefined ? {} : { reasonCode: by.reasonCode }) },
  metadata: commandMetadata(supervisor(by.supervisorId), at),
});

export const overridden = (
  agentId: string, from: AgentStatus, to: AgentStatus, supervisorId: string, reason: string, at: Date = NOW, reasonCode: string | null = null,
): PresenceEvent => ({
  type: 'AgentStatusOverridden', data: { agentId, from, to, reason, supervisorId, reasonCode },
  metadata: eventMetadata(supervisor(supervisorId), at),
});

/** The process that tracks connections, as the actor of the changes it makes. */
export const presenceSystem: Actor = { kind: 'system', id: 'presence' };

export const setBySystem = (
  agentId: string, status: SystemSetStatus, reasonCode: SystemReasonCode, at: Date = NOW, commandId = 'cmd-1',
): PresenceCommand => ({
  type: 'SetAgentStatusBySystem', data: { agentId, status, reasonCode }, metadata: commandMetadata(presenceSystem, at, commandId),
});

export const systemSet = (
  agentId: string, from: AgentStatus, to: AgentStatus, reasonCode: SystemReasonCode, at: Date = NOW, commandId = 'cmd-1',
): PresenceEvent => ({
  type: 'AgentStatusSetBySystem', data: { agentId, from, to, reasonCode }, metadata: eventMetadata(presenceSystem, at, commandId),
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
