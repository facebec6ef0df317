import { formatPosition, type RecordedEvent } from '@app/event-store';
import { AGENT_AVAILABILITY_SCHEMA_VERSION, type AgentAvailabilityMessage } from '@app/contracts';
import type { RegisteredAgent } from '@app/presence-domain';
import { availabilityOf } from '../read-model/agent-availability.js';

/** The agent's whole availability after `recorded` (the read model's view of it), as the bus carries it. */
export const availabilityMessageOf = (agent: RegisteredAgent, recorded: RecordedEvent): AgentAvailabilityMessage => ({
  schemaVersion: AGENT_AVAILABILITY_SCHEMA_VERSION,
  ...availabilityOf(agent, recorded.revision, formatPosition(recorded.position)),
  eventId: recorded.id,
  eventType: recorded.type,
  occurredAt: (recorded.metadata as { occurredAt?: string }).occurredAt ?? recorded.recordedAt.toISOString(),
});
