import { formatPosition, type RecordedEvent } from '@app/event-store';
import { AGENT_AVAILABILITY_SCHEMA_VERSION, type AgentAvailabilityMessage } from '@app/contracts';
import { currentReasonCode, type RegisteredAgent } from '@app/presence-domain';
import { availabilityOf } from '../read-model/agent-availability.js';

/**
 * The agent's whole availability after `recorded` (the read model's view of
 * it), as the bus carries it, with the reason code behind the status and the
 * code's label in the catalogue when the message was made.
 */
export const availabilityMessageOf = (agent: RegisteredAgent, recorded: RecordedEvent, reasonLabel: string | null): AgentAvailabilityMessage => {
  const reasonCode = currentReasonCode(agent) ?? null;
  return {
    schemaVersion: AGENT_AVAILABILITY_SCHEMA_VERSION,
    ...availabilityOf(agent, recorded.revision, formatPosition(recorded.position)),
    reasonCode,
    reasonLabel,
    eventId: recorded.id,
    eventType: recorded.type,
    occurredAt: (recorded.metadata as { occurredAt?: string }).occurredAt ?? recorded.recordedAt.toISOString(),
  };
};
