import { eventMetadataOf, type EventMetadata } from '@app/kernel';
import type { AgentPresence, RegisteredAgent } from './agent-presence.js';
import { DomainError } from './domain-error.js';
import type { PresenceCommand } from './presence-commands.js';
import { PRESENCE_EVENT_SCHEMA_VERSION } from './presence-events.js';

/** What every agent event's metadata says: the command's clock, actor and ids, at today's schema. */
export const metadataFor = (command: PresenceCommand): EventMetadata => eventMetadataOf(command, PRESENCE_EVENT_SCHEMA_VERSION);

export const registered = (state: AgentPresence, agentId: string): RegisteredAgent => {
  if (state.kind !== 'registered') throw new DomainError('AGENT_NOT_FOUND', `agent ${agentId} is not registered`, 'agentId');
  return state;
};
