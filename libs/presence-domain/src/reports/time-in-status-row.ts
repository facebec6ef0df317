import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import type { AgentStatusChanged, AgentStatusOverridden, AgentStatusSetBySystem, PresenceEvent } from '../presence-events.js';

/** A missed or declined offer (from the agent's AgentOfferReleased; see time-in-status-facts.ts). */
export interface OfferOutcome {
  readonly type: 'OfferOutcome';
  readonly data: { readonly agentId: string; readonly outcome: 'missed' | 'declined' };
  readonly metadata: { readonly occurredAt: string };
}

/**
 * Everything the time-in-status report is folded from, in log order. An
 * offer's release counts as its OfferOutcome (timeInStatusFactOf reads it
 * so; folded as the event, it counts the same), an accepted offer as the
 * assignment it becomes, and a reservation not at all.
 */
export type TimeInStatusFact = PresenceEvent | OfferOutcome;

/** The OfferOutcome an agent's AgentOfferReleased counts as: missed or declined; a rescinded offer is not the agent's doing. */
export const offerOutcomeOf = (event: Extract<PresenceEvent, { type: 'AgentOfferReleased' }>): OfferOutcome | undefined => {
  const data = event.data as Partial<typeof event.data> | null;
  if (typeof data?.agentId !== 'string' || (data.outcome !== 'missed' && data.outcome !== 'declined')) return undefined;
  return { type: 'OfferOutcome', data: { agentId: data.agentId, outcome: data.outcome }, metadata: { occurredAt: event.metadata.occurredAt } };
};

export interface TimeInStatusQuery {
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  /** The report never counts time that has not happened yet: the window ends at the earlier of `to` and `now`. */
  readonly now: Date;
  /** Only agents currently in this team. */
  readonly team?: string;
  /** Only agents currently in at least one of these teams (a supervisor sees the agents of its teams). */
  readonly teams?: readonly string[];
  readonly agentId?: string;
}

export interface ReasonTime {
  readonly status: AgentStatus;
  /** null: the status was set without a reason code (free text only, or none). */
  readonly reasonCode: string | null;
  readonly seconds: number;
}

export interface TimeInStatusRow {
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  /** ISO-8601: where this agent's counting starts (the range start, or the registration if later). */
  readonly from: string;
  /** ISO-8601: where it ends (the range end, or now if earlier). */
  readonly to: string;
  readonly seconds: Readonly<Record<AgentStatus, number>>;
  /** Seconds per status and reason code; only pairs with time in the range, status order then code. */
  readonly byReason: readonly ReasonTime[];
  readonly occupancy: {
    /** Seconds with at least one open conversation, whatever the status. */
    readonly seconds: number;
    /** Seconds online with at least one open conversation. */
    readonly onlineSeconds: number;
    /** onlineSeconds / seconds online; null without online time. */
    readonly shareOfOnline: number | null;
  };
  readonly conversations: { readonly assigned: number; readonly closed: number };
  readonly offers: { readonly missed: number; readonly declined: number };
  readonly overridesReceived: number;
}

/** What both the projection and the reference replay measure, in milliseconds and counts. */
export interface AgentTotals {
  readonly statusMs: Record<AgentStatus, number>;
  readonly reasonMs: Map<string, { readonly status: AgentStatus; readonly reasonCode: string | null; ms: number }>;
  occupiedMs: number;
  occupiedOnlineMs: number;
  assigned: number;
  closed: number;
  overrides: number;
  offersMissed: number;
  offersDeclined: number;
}

export interface AgentCard {
  readonly agentId: string;
  readonly displayName: string;
  readonly teams: readonly string[];
  /** Milliseconds since the epoch. */
  readonly registeredAt: number;
}

export interface Window {
  readonly from: number;
  readonly end: number;
}

/** [from, min(to, now)), never negative. */
export const windowOf = (query: TimeInStatusQuery): Window => {
  const from = query.from.getTime();
  return { from, end: Math.max(from, Math.min(query.to.getTime(), query.now.getTime())) };
};

/** Whether the agent gets a row: registered before the window ends, and matching the filters. */
export const isReported = (card: AgentCard, query: TimeInStatusQuery, window: Window): boolean =>
  card.registeredAt < window.end && (query.agentId === undefined || card.agentId === query.agentId)
  && (query.team === undefined || card.teams.includes(query.team))
  && (query.teams === undefined || card.teams.some((team) => query.teams!.includes(team)));

export const reasonKey = (status: AgentStatus, reasonCode: string | null): string => `${status}:${reasonCode ?? ''}`;

/**
 * The reason code a status change carries (a catalogue code, a system code
 * such as `connection-lost`, or none: schema 1 events and changes without a
 * code); blank counts as none.
 */
export const reasonCodeOf = (event: AgentStatusChanged | AgentStatusOverridden | AgentStatusSetBySystem): string | null => {
  const code = (event.data as { readonly reasonCode?: unknown }).reasonCode;
  return typeof code === 'string' && code.trim() !== '' ? code : null;
};

export const emptyTotals = (): AgentTotals => ({
  statusMs: { online: 0, away: 0, offline: 0 }, reasonMs: new Map(),
  occupiedMs: 0, occupiedOnlineMs: 0, assigned: 0, closed: 0, overrides: 0, offersMissed: 0, offersDeclined: 0,
});

/** Adds `ms` of time in a status under a reason code. */
export const addStatusTime = (totals: AgentTotals, status: AgentStatus, reasonCode: string | null, ms: number): void => {
  if (ms <= 0) return;
  totals.statusMs[status] += ms;
  const key = reasonKey(status, reasonCode);
  const entry = totals.reasonMs.get(key);
  if (entry) entry.ms += ms;
  else totals.reasonMs.set(key, { status, reasonCode, ms });
};

/** Status order (online, away, offline), then no code first, then by code. */
export const compareReasonPairs = (a: Pick<ReasonTime, 'status' | 'reasonCode'>, b: Pick<ReasonTime, 'status' | 'reasonCode'>): number =>
  AGENT_STATUSES.indexOf(a.status) - AGENT_STATUSES.indexOf(b.status)
  || (a.reasonCode === b.reasonCode ? 0 : a.reasonCode === null ? -1 : b.reasonCode === null ? 1 : a.reasonCode < b.reasonCode ? -1 : 1);

export const byAgentId = (a: { readonly agentId: string }, b: { readonly agentId: string }): number =>
  (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);

const seconds = (ms: number): number => ms / 1000;

export const toRow = (card: AgentCard, window: Window, totals: AgentTotals): TimeInStatusRow => ({
  agentId: card.agentId,
  displayName: card.displayName,
  teams: card.teams,
  from: new Date(Math.max(window.from, card.registeredAt)).toISOString(),
  to: new Date(window.end).toISOString(),
  seconds: { online: seconds(totals.statusMs.online), away: seconds(totals.statusMs.away), offline: seconds(totals.statusMs.offline) },
  byReason: [...totals.reasonMs.values()].filter(({ ms }) => ms > 0)
    .map(({ status, reasonCode, ms }) => ({ status, reasonCode, seconds: seconds(ms) })).sort(compareReasonPairs),
  occupancy: {
    seconds: seconds(totals.occupiedMs),
    onlineSeconds: seconds(totals.occupiedOnlineMs),
    shareOfOnline: totals.statusMs.online > 0 ? totals.occupiedOnlineMs / totals.statusMs.online : null,
  },
  conversations: { assigned: totals.assigned, closed: totals.closed },
  offers: { missed: totals.offersMissed, declined: totals.offersDeclined },
  overridesReceived: totals.overrides,
});
