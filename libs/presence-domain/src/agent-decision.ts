import type { AgentPresence, RegisteredAgent } from './agent-presence.js';
import { DomainError } from './domain-error.js';
import type { PresenceCommand } from './presence-commands.js';
import { PRESENCE_EVENT_SCHEMA_VERSION, type EventMetadata } from './presence-events.js';

/** What every agent event's metadata says: the command's clock, actor and ids. */
export const metadataFor = (command: PresenceCommand): EventMetadata => ({
  schemaVersion: PRESENCE_EVENT_SCHEMA_VERSION,
  occurredAt: command.metadata.now.toISOString(),
  actor: command.metadata.actor,
  causationId: command.metadata.commandId,
  correlationId: command.metadata.correlationId,
});

export const registered = (state: AgentPresence, agentId: string): RegisteredAgent => {
  if (state.kind !== 'registered') throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
  return state;
};
