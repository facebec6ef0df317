/**
 * What the API answers, as the console reads it (the README's API section).
 * A mirror of the server's types, not an import: the console is a separate
 * bundle that must not pull server code in. Optional fields come with issues
 * 11–13 and are shown only when present.
 */
export type AgentStatus = 'online' | 'away' | 'offline';
export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];

export type StatusSetter =
  | { readonly kind: 'registration' }
  | { readonly kind: 'agent'; readonly id: string; readonly reason: string | null; readonly reasonCode?: string | null }
  | { readonly kind: 'supervisor'; readonly id: string; readonly reason: string; readonly reasonCode?: string | null }
  | { readonly kind: 'admin' | 'service'; readonly id: string; readonly reason: string | null; readonly reasonCode?: string | null }
  | { readonly kind: 'system'; readonly id?: string; readonly reason: string | null; readonly reasonCode?: string | null };

export interface AgentAvailability {
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
  readonly status: AgentStatus;
  readonly since: string;
  readonly setBy: StatusSetter;
  readonly openConversations: readonly string[];
  readonly revision: number;
  readonly position: string;
  /** Issue 12: whether the agent's console holds a session. */
  readonly connected?: boolean;
  readonly lastSeenAt?: string | null;
}

export interface Floor {
  readonly at: string;
  readonly position: string | null;
  readonly agents: readonly AgentAvailability[];
}

/** One message of GET /v1/floor/stream. */
export interface FloorChange {
  readonly position: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly agentId: string;
  readonly occurredAt: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly data: Readonly<Record<string, unknown>>;
}

/** A `connection` message of GET /v1/floor/stream (issue 12): a signal, not an event, so it has no position. */
export interface ConnectionChange {
  readonly type: 'connection';
  readonly agentId: string;
  readonly connected: boolean;
  readonly lastSeenAt: string | null;
}

export interface StatusHistoryEntry {
  readonly at: string;
  readonly from: AgentStatus;
  readonly to: AgentStatus;
  readonly reason: string | null;
  readonly reasonCode?: string | null;
  readonly setBy: { readonly kind: string; readonly id?: string };
  readonly eventType: string;
  readonly eventId: string;
  readonly position: string;
  readonly revision: number;
}

export interface ConversationAnswer {
  readonly conversationId: string;
  /** `offered` arrives with issue 11. */
  readonly status: 'queued' | 'assigned' | 'closed' | 'offered';
  readonly team: string;
  readonly priority: number | null;
  readonly agentId: string | null;
  readonly position: number | null;
  readonly offerExpiresAt?: string;
}

export interface TeamQueue {
  readonly team: string;
  readonly conversations: readonly { conversationId: string; priority: number; queuedAt: string; position: number }[];
}

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}
