import { evolve, initialPresence, type AgentPresence, type RegisteredAgent } from './agent-presence.js';
import type { PresenceEvent } from './presence-events.js';

/**
 * Every agent's presence as it stood at `at`, from events in log order.
 * An event counts when it occurred at or before `at`; the log may hold events
 * from several writers whose clocks interleave, so nothing stops early.
 */
export const floorAt = (events: Iterable<PresenceEvent>, at: Date): RegisteredAgent[] => {
  const limit = at.getTime();
  const agents = new Map<string, AgentPresence>();
  for (const event of events) {
    if (Date.parse(event.metadata.occurredAt) > limit) continue;
    const agentId = event.data.agentId;
    agents.set(agentId, evolve(agents.get(agentId) ?? initialPresence(), event));
  }
  const floor: RegisteredAgent[] = [];
  for (const presence of agents.values()) if (presence.kind === 'registered') floor.push(presence);
  return floor.sort((a, b) => a.agentId.localeCompare(b.agentId));
};
