import type { AgentStatus } from '@app/kernel';

/** What routing needs to know of an agent; fed from the availability messages. */
export interface RoutedAgent {
  readonly agentId: string;
  readonly teams: readonly string[];
  readonly status: AgentStatus;
  readonly maxConcurrentConversations: number;
  readonly openConversations: readonly string[];
  /** Conversations offered to the agent and not yet answered: each holds a unit of capacity. Absent: none. */
  readonly pendingOffers?: readonly string[];
  /** ISO-8601: since when the agent has not been online (null while online); grace deadlines count from it. Absent: unknown. */
  readonly unavailableSince?: string | null;
  /** The agent stream's revision this view reflects; older messages are dropped. */
  readonly revision: number;
}

/** Conversations the agent holds or is being offered: what counts against its capacity. */
export const loadOf = (agent: RoutedAgent): number => agent.openConversations.length + (agent.pendingOffers?.length ?? 0);

export const isEligible = (agent: RoutedAgent): boolean =>
  agent.status === 'online' && loadOf(agent) < agent.maxConcurrentConversations;
