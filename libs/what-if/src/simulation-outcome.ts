/** What became of one conversation under the simulated policy. */
export interface SimulatedConversation {
  readonly conversationId: string;
  /** The team it first waited in. */
  readonly team: string;
  /** False for a conversation carried over from before the range: simulated, not reported. */
  readonly arrivedInRange: boolean;
  /** Time spent waiting for an agent, over all its stretches (to the accept, for an offer). */
  readonly waitMs: number;
  /** Given to an agent at least once. */
  readonly answered: boolean;
  /** Left while waiting, as the record says it did (closed or transferred before anyone had it). */
  readonly gaveUp: boolean;
  /** Still waiting when the log ended. */
  readonly stillWaiting: boolean;
  /** Who had each stretch (one per team it waited in), null where nobody did. */
  readonly agents: readonly (string | null)[];
  /** When each stretch was given to its agent (epoch ms), null where nobody had it. */
  readonly assignedAt: readonly (number | null)[];
}

export interface SimulatedAgentTotals {
  readonly agentId: string;
  readonly conversations: number;
  readonly busyMs: number;
  /** Online at some moment of the range. */
  readonly availableInRange: boolean;
  readonly teams: readonly string[];
}

export interface SimulationOutcome {
  readonly policy: string;
  /** When the simulation ran out of things to do, or the log ended. */
  readonly endsAt: number;
  readonly conversations: readonly SimulatedConversation[];
  readonly agents: readonly SimulatedAgentTotals[];
  /** Most conversations waiting at once, over all teams, and per team. */
  readonly maxQueueLength: number;
  readonly maxQueueLengthByTeam: Readonly<Record<string, number>>;
}
