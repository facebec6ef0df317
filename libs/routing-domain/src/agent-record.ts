import type { AgentStatus } from '@app/kernel';
import { isEligible, loadOf, type RoutedAgent } from './routed-agent.js';
import type { TeamRoster } from './team-roster.js';

/** Every record without an offer shares this one, never changed: most agents hold none, and an array each cost memory per agent. */
const NO_OFFERS: string[] = [];

/** The agent's place in one of its teams' rosters. */
export interface Membership {
  readonly team: string;
  readonly roster: TeamRoster;
  readonly slot: number;
}

/**
 * The routing view's own, mutable entry for one agent: its latest
 * availability, amended by this instance's notes, and where it sits in each
 * of its teams' rosters. Notes change the entry in place, so an assignment
 * or a release allocates nothing (building a new RoutedAgent with a new
 * array on each one was a tenth of a decision's cost, and most of its
 * garbage). The immutable RoutedAgent that `snapshot` hands out is built
 * only when someone asks, and only once per change.
 */
export class AgentRecord implements RoutedAgent {
  teams: readonly string[] = [];
  status: AgentStatus = 'offline';
  maxConcurrentConversations = 0;
  /** This record's own array, changed in place: never handed out (snapshots get a copy) and never the caller's. */
  readonly openConversations: string[] = [];
  /** Offers not yet answered, changed in place like openConversations once the agent had one (NO_OFFERS until then). */
  pendingOffers: string[] = NO_OFFERS;
  unavailableSince: string | null | undefined = undefined;
  revision = -Infinity;
  /** One per team in `teams`. */
  memberships: readonly Membership[] = [];
  /** The last availability message applied, or a copy built after a note; undefined when out of date. */
  private cached: RoutedAgent | undefined;

  constructor(readonly agentId: string) {}

  /** Takes over an availability message's fields (its teams through `memberships`, set by the view). */
  apply(agent: RoutedAgent): void {
    this.teams = agent.teams;
    this.status = agent.status;
    this.maxConcurrentConversations = agent.maxConcurrentConversations;
    this.openConversations.length = 0;
    for (const conversationId of agent.openConversations) this.openConversations.push(conversationId);
    const offers = agent.pendingOffers ?? NO_OFFERS;
    if (offers.length > 0 && this.pendingOffers === NO_OFFERS) this.pendingOffers = [];
    if (this.pendingOffers !== NO_OFFERS) this.pendingOffers.length = 0;
    for (const conversationId of offers) this.pendingOffers.push(conversationId);
    this.unavailableSince = agent.unavailableSince;
    this.revision = agent.revision;
    this.cached = agent;
  }

  /** Adds the conversation; false when it was already open. */
  open(conversationId: string): boolean {
    return this.added(this.openConversations, conversationId);
  }

  /** Removes the conversation, keeping the others in order; false when it was not open. */
  close(conversationId: string): boolean {
    return this.removed(this.openConversations, conversationId);
  }

  /** Holds a unit of capacity for an offer; false when it was already held. */
  reserve(conversationId: string): boolean {
    if (this.pendingOffers === NO_OFFERS) this.pendingOffers = [];
    return this.added(this.pendingOffers, conversationId);
  }

  /** Frees an offer's unit of capacity; false when none was held. */
  unreserve(conversationId: string): boolean {
    return this.removed(this.pendingOffers, conversationId);
  }

  /** Puts the agent in each team's roster at its load, or takes it out when it cannot take more. */
  placeInRosters(): void {
    const eligible = isEligible(this);
    const load = loadOf(this);
    for (const { roster, slot } of this.memberships) {
      if (eligible) roster.place(slot, load);
      else roster.remove(slot);
    }
  }

  removeFromRosters(): void {
    for (const { roster, slot } of this.memberships) roster.remove(slot);
  }

  snapshot(): RoutedAgent {
    return (this.cached ??= {
      agentId: this.agentId, teams: this.teams, status: this.status,
      maxConcurrentConversations: this.maxConcurrentConversations,
      openConversations: [...this.openConversations],
      ...(this.pendingOffers.length > 0 ? { pendingOffers: [...this.pendingOffers] } : {}),
      unavailableSince: this.unavailableSince, revision: this.revision,
    });
  }

  private added(list: string[], conversationId: string): boolean {
    if (list.includes(conversationId)) return false;
    list.push(conversationId);
    this.cached = undefined;
    return true;
  }

  private removed(list: string[], conversationId: string): boolean {
    const index = list.indexOf(conversationId);
    if (index === -1) return false;
    list.copyWithin(index, index + 1);
    list.pop();
    this.cached = undefined;
    return true;
  }
}
