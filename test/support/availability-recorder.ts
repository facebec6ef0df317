import { parseAgentAvailabilityMessage, type AgentAvailabilityMessage } from '@app/contracts';
import type { Consumer, MessageBus } from '@app/messaging';

/** Reads the availability topic from its beginning and keeps every message, in arrival order. */
export interface AvailabilityRecorder {
  readonly messages: AgentAvailabilityMessage[];
  /** The latest revision seen per agent, duplicates and stale ones dropped as a consumer would. */
  latest(): Map<string, AgentAvailabilityMessage>;
  waitFor(check: (messages: AgentAvailabilityMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const recordAvailability = async (bus: MessageBus, topic: string): Promise<AvailabilityRecorder> => {
  const messages: AgentAvailabilityMessage[] = [];
  const consumer: Consumer = await bus.consume(topic, (message) => {
    messages.push(parseAgentAvailabilityMessage(message.value));
  }, { fromBeginning: true });
  return {
    messages,
    latest: () => {
      const latest = new Map<string, AgentAvailabilityMessage>();
      for (const m of messages) if ((latest.get(m.agentId)?.revision ?? -1) < m.revision) latest.set(m.agentId, m);
      return latest;
    },
    waitFor: async (check, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!check(messages)) {
        if (Date.now() > deadline) throw new Error(`availability messages never matched; got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: () => consumer.stop(),
  };
};

/** Every revision of every agent from 0 to its last, once: a relay that lost or skipped nothing. */
export const revisionsWithoutGaps = (messages: readonly AgentAvailabilityMessage[]): Map<string, number[]> => {
  const seen = new Map<string, Set<number>>();
  for (const m of messages) {
    const revisions = seen.get(m.agentId) ?? new Set<number>();
    revisions.add(m.revision);
    seen.set(m.agentId, revisions);
  }
  return new Map([...seen].map(([agentId, revisions]) => [agentId, [...revisions].sort((a, b) => a - b)]));
};
