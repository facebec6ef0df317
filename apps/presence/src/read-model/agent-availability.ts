import type { AgentStatus } from '@app/kernel';
import type { RegisteredAgent, StatusSetter } from '@app/presence-domain';

/** One agent as the read side shows it: the API's answer to "who can take a conversation now?". */
export interface AgentAvailability {
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
  readonly status: AgentStatus;
  readonly since: string;
  readonly setBy: StatusSetter;
  /** Assigned and not yet closed or transferred; listed whatever the status, so the agent can conclude them. */
  readonly openConversations: readonly string[];
  /** Revision of the agent's stream the view reflects. */
  readonly revision: number;
  /** Global position of the last event the view reflects (`commit/prepare`). */
  readonly position: string;
}

export const availabilityOf = (agent: RegisteredAgent, revision: number, position: string): AgentAvailability => ({
  agentId: agent.agentId,
  displayName: agent.displayName,
  teams: agent.teams,
  maxConcurrentConversations: agent.maxConcurrentConversations,
  status: agent.status,
  since: agent.since,
  setBy: agent.setBy,
  openConversations: agent.openConversations,
  revision,
  position,
});
