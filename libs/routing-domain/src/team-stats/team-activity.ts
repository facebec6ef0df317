import type { ConversationEvent } from '../conversation-events.js';

/** The "last 15 minutes" of the team live numbers. */
export const RECENT_WINDOW_MS = 15 * 60_000;
/** Writers' clocks differ a little; keep recent entries this much longer than the window before dropping them. */
const CLOCK_SLACK_MS = 60_000;

interface Recent<T> {
  readonly at: number;
  readonly value: T;
}

/** Entries in time order, oldest dropped once no query can need them. */
class RecentLog<T> {
  private entries: Recent<T>[] = [];
  private head = 0;

  add(at: number, value: T): void {
    this.entries.push({ at, value });
  }

  forget(before: number): void {
    while (this.head < this.entries.length && this.entries[this.head].at < before) this.head++;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Values with `from < at <= to`. */
  between(from: number, to: number): T[] {
    const values: T[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const { at, value } = this.entries[i];
      if (at > from && at <= to) values.push(value);
    }
    return values;
  }
}

class TeamLedger {
  /** Waiting conversations and since when (in this team). */
  readonly queued = new Map<string, number>();
  readonly assigned = new Set<string>();
  /** Conversations that arrived in the team: queued in it or transferred to it. */
  readonly arrivals = new RecentLog<string>();
  /** Assignments with how long each waited in the team's queue. */
  readonly assignments = new RecentLog<number>();
}

const earliest = (times: Iterable<number>): number | null => {
  let first: number | null = null;
  for (const at of times) if (first === null || at < first) first = at;
  return first;
};

interface Tracked {
  readonly team: string;
  readonly queuedAt: number;
}

export interface TeamActivitySnapshot {
  readonly queued: number;
  /** When the longest-waiting conversation was queued (ms since the epoch); null when none waits. */
  readonly oldestQueuedAt: number | null;
  readonly assignedNow: number;
  readonly recentArrivals: number;
  /** Milliseconds each conversation assigned in the recent window had waited. */
  readonly recentWaitsMs: readonly number[];
}

/**
 * Each team's conversations, folded from conversation events in log order:
 * who waits and since when, how many are assigned, and what arrived and
 * was assigned lately. Pure; the query brings `now`.
 */
export class TeamActivity {
  private readonly open = new Map<string, Tracked>();
  private readonly ledgers = new Map<string, TeamLedger>();

  apply(event: ConversationEvent): void {
    const at = Date.parse(event.metadata.occurredAt);
    const { conversationId } = event.data;
    switch (event.type) {
      case 'ConversationQueued':
        this.leave(conversationId);
        this.arrive(conversationId, event.data.team, at);
        break;
      case 'ConversationTransferred':
        this.leave(conversationId);
        this.arrive(conversationId, event.data.toTeam, at);
        break;
      case 'ConversationAssigned':
      case 'OfferAccepted': // an accepted offer is the assignment; the wait ends there
        this.assign(conversationId, at);
        break;
      case 'ConversationClosed':
        this.leave(conversationId);
        break;
      case 'ConversationRequeued':
        this.requeue(conversationId);
        break;
      case 'ConversationOffered': // ringing, declined, missed or taken back: the customer still waits for an agent
      case 'OfferDeclined':
      case 'OfferExpired':
      case 'OfferRescinded':
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** Every team a conversation has arrived in. */
  teams(): string[] {
    return [...this.ledgers.keys()];
  }

  snapshot(team: string, now: Date): TeamActivitySnapshot {
    const ledger = this.ledgers.get(team);
    const to = now.getTime();
    const from = to - RECENT_WINDOW_MS;
    return {
      queued: ledger?.queued.size ?? 0,
      oldestQueuedAt: ledger ? earliest(ledger.queued.values()) : null,
      assignedNow: ledger?.assigned.size ?? 0,
      recentArrivals: ledger?.arrivals.between(from, to).length ?? 0,
      recentWaitsMs: ledger?.assignments.between(from, to) ?? [],
    };
  }

  private ledger(team: string): TeamLedger {
    let ledger = this.ledgers.get(team);
    if (!ledger) this.ledgers.set(team, (ledger = new TeamLedger()));
    return ledger;
  }

  private arrive(conversationId: string, team: string, at: number): void {
    const ledger = this.ledger(team);
    this.open.set(conversationId, { team, queuedAt: at });
    ledger.queued.set(conversationId, at);
    ledger.arrivals.add(at, conversationId);
    ledger.arrivals.forget(at - RECENT_WINDOW_MS - CLOCK_SLACK_MS);
  }

  private assign(conversationId: string, at: number): void {
    const tracked = this.open.get(conversationId);
    if (!tracked) return;
    const ledger = this.ledger(tracked.team);
    if (!ledger.queued.delete(conversationId)) return;
    ledger.assigned.add(conversationId);
    ledger.assignments.add(at, Math.max(0, at - tracked.queuedAt));
    ledger.assignments.forget(at - RECENT_WINDOW_MS - CLOCK_SLACK_MS);
  }

  /** Back in the team's queue from an absent agent, at its first queue time (as the queue keeps it). */
  private requeue(conversationId: string): void {
    const tracked = this.open.get(conversationId);
    if (!tracked) return;
    const ledger = this.ledger(tracked.team);
    if (!ledger.assigned.delete(conversationId)) return;
    ledger.queued.set(conversationId, tracked.queuedAt);
  }

  private leave(conversationId: string): void {
    const tracked = this.open.get(conversationId);
    if (!tracked) return;
    const ledger = this.ledger(tracked.team);
    ledger.queued.delete(conversationId);
    ledger.assigned.delete(conversationId);
    this.open.delete(conversationId);
  }
}
