import { formatPosition, type RecordedEvent } from '@app/event-store';
import { AGENT_AVAILABILITY_SCHEMA_VERSION, type AgentAvailabilityMessage } from '@app/contracts';
import type { RegisteredAgent } from '@app/presence-domain';

/** The agent's whole availability after `recorded`, as the bus carries it. */
export const availabilityMessageOf = (agent: RegisteredAgent, recorded: RecordedEvent): AgentAvailabilityMessage => ({
  schemaVersion: AGENT_AVAILABILITY_SCHEMA_VERSION,
  agentId: agent.agentId,
  displayName: agent.displayName,
  teams: agent.teams,
  maxConcurrentConversations: agent.maxConcurrentConversations,
  status: agent.status,
  since: agent.since,
  setBy: agent.setBy,
  openConversations: agent.openConversations,
  revision: recorded.revision,
  position: formatPosition(recorded.position),
  eventId: recorded.id,
  eventType: recorded.type,
  occurredAt: (recorded.metadata as { occurredAt?: string }).occurredAt ?? recorded.recordedAt.toISOString(),
});
