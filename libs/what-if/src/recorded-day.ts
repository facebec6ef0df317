import type { AgentStatus } from '@app/kernel';

/**
 * What the simulator reads of a stored event: any store's RecordedEvent
 * fits. Events come in log order; their times are in `metadata.occurredAt`.
 */
export interface LoggedEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** The replayed period, in epoch milliseconds: conversations that arrived in [from, to) are compared. */
export interface SimulationRange {
  readonly from: number;
  readonly to: number;
}

/** An agent's availability after a change of status, teams or capacity, at its recorded time. */
export interface AgentChange {
  readonly at: number;
  /** Place in the log: breaks ties between things that happened in the same millisecond. */
  readonly seq: number;
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
}

/** How a stretch of a conversation in one team ended in the record. */
export type SegmentEnd =
  | { readonly kind: 'closed' }
  | { readonly kind: 'transferred'; readonly toTeam: string }
  /** Taken from its agent and queued again in the same team (grace reassignment). */
  | { readonly kind: 'requeued' }
  /** Still open when the log ends. */
  | { readonly kind: 'open' };

/** A conversation's stretch in one team: queued there, perhaps assigned, then ended. */
export interface Segment {
  readonly team: string;
  /** Who had it in the record; null when it ended (or the log ended) before anyone did. */
  readonly recordedAgentId: string | null;
  /** Recorded end minus recorded assign (or accept, for an offer); undefined when never assigned or never ended. */
  readonly handlingMs: number | undefined;
  /** Recorded accept minus recorded offer, for an accepted offer; 0 for a direct assignment or when unknown. */
  readonly acceptDelayMs: number;
  /** Recorded end minus recorded queue time, when it ended while still waiting. */
  readonly patienceMs: number | undefined;
  readonly end: SegmentEnd;
  /** Log place of the event that ended it (orders the simulated end among same-millisecond events). */
  readonly endSeq: number;
}

/** Where a conversation stands when the simulation starts. */
export type ConversationStart =
  /** Arrives in the range, at its recorded time. */
  | { readonly kind: 'arrives' }
  /** Arrived before the range and was waiting at its start, in segment `segment` since `since`. */
  | { readonly kind: 'waiting'; readonly segment: number; readonly since: number }
  /** Arrived before the range and was with `agentId` at its start: kept there until the recorded end, `until`. */
  | { readonly kind: 'with-agent'; readonly segment: number; readonly agentId: string; readonly until: number };

export interface RecordedConversation {
  readonly conversationId: string;
  readonly priority: number;
  /** The first ConversationQueued, epoch ms and as logged. */
  readonly arrivedAt: number;
  readonly arrivedAtText: string;
  readonly seq: number;
  readonly segments: readonly Segment[];
  readonly start: ConversationStart;
}

/** Something the record says happened at a time the simulation keeps. */
export type Happening =
  | { readonly kind: 'agent'; readonly at: number; readonly seq: number; readonly change: AgentChange }
  | { readonly kind: 'arrival'; readonly at: number; readonly seq: number; readonly conversation: number };

/** Everything a simulation of the range needs, read from the log once and replayed per policy. */
export interface RecordedDay {
  readonly range: SimulationRange;
  /** Each agent's availability at the start of the range (the fold of everything before it). */
  readonly agentsAtStart: readonly AgentChange[];
  readonly conversations: readonly RecordedConversation[];
  /** Agent changes from the start of the range to the end of the log, and arrivals in the range, in log order. */
  readonly happenings: readonly Happening[];
  /** Time of the last event read: simulated waits of conversations still waiting then end here. */
  readonly logEndsAt: number;
}
