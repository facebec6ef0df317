import { agentStreamId } from '@app/presence-domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { leastLoadedPolicy, type RoutingPolicy } from '@app/routing-domain';
import { RecordedDayBuilder, simulate } from '@app/what-if';
import { SerialWork } from '../../apps/routing/src/assignment/serial-work.js';
import type { RoutingFloor } from './routing-test-app.js';
import { seenByRouting } from './routing-steps.js';

/**
 * Waits until every routing instance has applied each agent's latest event
 * and finished its routing work, so the next step starts from a floor the
 * log fully describes (the relay and the bus are asynchronous).
 */
export const quiet = async (floor: RoutingFloor, agentIds: readonly string[]): Promise<void> => {
  for (const agentId of agentIds) {
    const events = await floor.presence.store.readStream(agentStreamId(agentId));
    await seenByRouting(floor, agentId, events[events.length - 1].revision);
  }
  await Promise.all(floor.routers.map((router) => router.app.get(SerialWork).idle()));
};

export interface Replayed {
  readonly conversations: number;
  readonly stretches: number;
  /** Stretches whose simulated agent differs from the recorded one: `conversation#stretch: recorded -> simulated`. */
  readonly differences: string[];
}

/** Re-runs the whole log with the policy (least-loaded, the one in force) and compares each stretch's agent with the recorded one. */
export const replay = (log: readonly RecordedEvent[], policy: RoutingPolicy = leastLoadedPolicy): Replayed => {
  const first = Date.parse(String((log[0].metadata as { occurredAt: string }).occurredAt));
  const builder = new RecordedDayBuilder({ from: first, to: first + 24 * 3600_000 });
  for (const event of log) builder.add(event);
  const day = builder.build();
  const outcome = simulate(day, policy);
  const differences: string[] = [];
  let stretches = 0;
  day.conversations.forEach((conversation, index) => {
    conversation.segments.forEach((segment, stretch) => {
      stretches++;
      const simulated = outcome.conversations[index].agents[stretch];
      if (simulated !== segment.recordedAgentId) differences.push(`${conversation.conversationId}#${stretch}: ${segment.recordedAgentId} -> ${simulated}`);
    });
  });
  return { conversations: day.conversations.length, stretches, differences };
};

export const readLog = (store: EventStore): Promise<RecordedEvent[]> => store.readAll();
