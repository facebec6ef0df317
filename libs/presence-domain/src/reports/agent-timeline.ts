import type { AgentStatus } from '@app/kernel';
import { INITIAL_STATUS } from '../agent-presence.js';
import type { PresenceEvent } from '../presence-events.js';
import { IntervalSet, TimeMarks } from './interval-set.js';
import {
  addStatusTime, emptyTotals, offerOutcomeOf, reasonCodeOf, reasonKey,
  type AgentCard, type AgentTotals, type OfferOutcome, type Window,
} from './time-in-status-row.js';

interface StatusSpans {
  readonly status: AgentStatus;
  readonly reasonCode: string | null;
  readonly spans: IntervalSet;
}

/**
 * One agent's history as interval sets, grown one event at a time: the
 * time spent in each (status, reason code), with at least one open
 * conversation, and with one while online; and the instants of counted
 * happenings. A range query reads each set in O(log n).
 *
 * Clocks of several writers interleave in the log, so an event that says it
 * happened before the agent's previous event is taken to happen at that
 * previous instant: time never runs backwards within an agent.
 */
export class AgentTimeline {
  private card: AgentCard;
  private clock: number;
  private status: AgentStatus = INITIAL_STATUS;
  private readonly byReason = new Map<string, StatusSpans>();
  private current: StatusSpans;
  private readonly openConversations = new Set<string>();
  private readonly occupied = new IntervalSet();
  private readonly occupiedOnline = new IntervalSet();
  private readonly assigned = new TimeMarks();
  private readonly closed = new TimeMarks();
  private readonly overrides = new TimeMarks();
  private readonly offersMissed = new TimeMarks();
  private readonly offersDeclined = new TimeMarks();

  constructor(card: AgentCard) {
    this.card = card;
    this.clock = card.registeredAt;
    this.current = this.spansOf(INITIAL_STATUS, null);
    this.current.spans.open(this.clock);
  }

  get agentCard(): AgentCard {
    return this.card;
  }

  /** Applies an event of this agent's stream that follows its registration. */
  apply(event: Exclude<PresenceEvent, { type: 'AgentRegistered' }>): void {
    const at = this.tick(event.metadata.occurredAt);
    switch (event.type) {
      case 'AgentProfileChanged':
        this.card = { ...this.card, displayName: event.data.displayName, teams: event.data.teams };
        return;
      case 'AgentStatusOverridden':
        this.overrides.add(at);
        this.changeStatus(at, event.data.to, reasonCodeOf(event));
        return;
      case 'AgentStatusChanged':
      case 'AgentStatusSetBySystem':
        this.changeStatus(at, event.data.to, reasonCodeOf(event));
        return;
      case 'AgentConversationAssigned':
      case 'AgentOfferAccepted': // an accepted offer is the assignment it becomes
        if (this.openConversations.has(event.data.conversationId)) return;
        this.openConversations.add(event.data.conversationId);
        this.assigned.add(at);
        this.trackOccupancy(at);
        return;
      case 'AgentConversationReleased':
        if (!this.openConversations.delete(event.data.conversationId)) return;
        if (event.data.reason === 'closed') this.closed.add(at);
        this.trackOccupancy(at);
        return;
      case 'AgentOfferReleased': {
        const outcome = offerOutcomeOf(event);
        if (outcome) this.applyOffer(outcome);
        return;
      }
      case 'AgentOfferReserved':
        return;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** Offers are counted at the instant they say, and do not move the agent's clock. */
  applyOffer(offer: OfferOutcome): void {
    const at = Date.parse(offer.metadata.occurredAt);
    switch (offer.data.outcome) {
      case 'missed':
        this.offersMissed.add(at);
        return;
      case 'declined':
        this.offersDeclined.add(at);
        return;
      default: {
        const unhandled: never = offer.data.outcome;
        throw new Error(`unhandled offer outcome ${String(unhandled)}`);
      }
    }
  }

  totals({ from, end }: Window): AgentTotals {
    const totals = emptyTotals();
    for (const { status, reasonCode, spans } of this.byReason.values()) addStatusTime(totals, status, reasonCode, spans.measure(from, end));
    totals.occupiedMs = this.occupied.measure(from, end);
    totals.occupiedOnlineMs = this.occupiedOnline.measure(from, end);
    totals.assigned = this.assigned.countIn(from, end);
    totals.closed = this.closed.countIn(from, end);
    totals.overrides = this.overrides.countIn(from, end);
    totals.offersMissed = this.offersMissed.countIn(from, end);
    totals.offersDeclined = this.offersDeclined.countIn(from, end);
    return totals;
  }

  private tick(occurredAt: string): number {
    this.clock = Math.max(this.clock, Date.parse(occurredAt));
    return this.clock;
  }

  private changeStatus(at: number, to: AgentStatus, reasonCode: string | null): void {
    this.current.spans.close(at);
    this.status = to;
    this.current = this.spansOf(to, reasonCode);
    this.current.spans.open(at);
    this.trackOccupancy(at);
  }

  private trackOccupancy(at: number): void {
    const busy = this.openConversations.size > 0;
    if (busy) this.occupied.open(at);
    else this.occupied.close(at);
    if (busy && this.status === 'online') this.occupiedOnline.open(at);
    else this.occupiedOnline.close(at);
  }

  private spansOf(status: AgentStatus, reasonCode: string | null): StatusSpans {
    const key = reasonKey(status, reasonCode);
    let spans = this.byReason.get(key);
    if (!spans) this.byReason.set(key, (spans = { status, reasonCode, spans: new IntervalSet() }));
    return spans;
  }
}
