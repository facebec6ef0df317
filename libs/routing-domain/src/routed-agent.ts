import type { AgentStatus } from '@app/kernel';

/** What routing needs to know of an agent; fed from the availability messages. */
export interface RoutedAgent {
  readonly agentId: string;
  readonly teams: readonly string[];
  readonly status: AgentStatus;
  readonly maxConcurrentConversations: number;
  readonly openConversations: readonly string[];
  /** The agent stream's revision this view reflects; older messages are dropped. */
  readonly revision: number;
}

export const isEligible = (agent: RoutedAgent): boolean =>
  agent.status === 'online' && agent.openConversations.length < agent.maxConcurrentConversations;
