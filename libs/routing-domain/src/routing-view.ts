import { AgentRecord, type Membership } from './agent-record.js';
import type { RoutedAgent } from './routed-agent.js';
import { TeamQueue, type QueuedConversation } from './team-queue.js';
import { TeamRoster } from './team-roster.js';
import { DEFAULT_TEAM_ROUTING_SETTINGS, type TeamRoutingSettings } from './team-routing-settings.js';
import type { HeldConversation, PendingOffer, TrackedConversation } from './tracked-conversation.js';

/**
 * Routing's in-memory picture of the floor: every agent it has heard of,
 * each team's eligible agents, and each team's queue. Pure state: no clock,
 * no I/O; the routing app feeds it availability messages and conversation
 * events, in order, and asks it who should take what.
 */
export class RoutingView {
  private readonly agents = new Map<string, AgentRecord>();
  private readonly rosters = new Map<string, TeamRoster>();
  private readonly queues = new Map<string, TeamQueue>();
  private readonly queued = new Map<string, QueuedConversation>();
  private readonly offered = new Map<string, PendingOffer>();
  private readonly held = new Map<string, HeldConversation>();
  private readonly settings = new Map<string, TeamRoutingSettings>();

  /** Applies an agent's latest availability; returns false (and changes nothing) for a stale or repeated one. */
  upsertAgent(agent: RoutedAgent): boolean {
    let record = this.agents.get(agent.agentId);
    if (record && record.revision >= agent.revision) return false;
    if (!record) { record = new AgentRecord(agent.agentId); this.agents.set(agent.agentId, record); }
    if (!sameTeams(record.teams, agent.teams)) this.moveTeams(record, agent.teams);
    record.apply(agent);
    record.placeInRosters();
    return true;
  }

  /**
   * Records an assignment this instance just made, before the agent's next
   * availability message confirms it, so it does not pick the agent again
   * on a stale load. The revision stays, so the confirming message applies.
   */
  noteAssigned(agentId: string, conversationId: string): void {
    const record = this.agents.get(agentId);
    if (record?.open(conversationId)) record.placeInRosters();
  }

  /**
   * Records a release this instance just made (a close or a transfer), so the
   * freed capacity drains the queue at once instead of after the agent's next
   * availability message. The revision stays, so that message still applies.
   */
  noteReleased(agentId: string, conversationId: string): void {
    const record = this.agents.get(agentId);
    if (record?.close(conversationId)) record.placeInRosters();
  }

  /** Records an offer this instance just made: it holds a unit of the agent's capacity until it ends. */
  noteOffered(agentId: string, conversationId: string): void {
    const record = this.agents.get(agentId);
    if (record?.reserve(conversationId)) record.placeInRosters();
  }

  /** Records an offer that ended unaccepted (declined, expired, rescinded): its unit of capacity is free again. */
  noteOfferEnded(agentId: string, conversationId: string): void {
    const record = this.agents.get(agentId);
    if (record?.unreserve(conversationId)) record.placeInRosters();
  }

  /** Records an accepted offer: the unit it held now holds the open conversation. */
  noteOfferAccepted(agentId: string, conversationId: string): void {
    const record = this.agents.get(agentId);
    if (!record) return;
    const unreserved = record.unreserve(conversationId);
    if (record.open(conversationId) || unreserved) record.placeInRosters();
  }

  /** Takes an agent out of the running until its next availability message (it refused an assignment). */
  noteUnavailable(agentId: string): void {
    this.agents.get(agentId)?.removeFromRosters();
  }

  agent(agentId: string): RoutedAgent | undefined {
    return this.agents.get(agentId)?.snapshot();
  }

  agentIds(): string[] {
    return [...this.agents.keys()];
  }

  get agentCount(): number {
    return this.agents.size;
  }

  eligibleIn(team: string): TeamRoster | undefined {
    return this.rosters.get(team);
  }

  /** Keeps the queues, the pending offers, the held conversations and the team's rotation in step with a conversation's state. */
  trackConversation(conversation: TrackedConversation): void {
    if (conversation.kind === 'none') return;
    const { conversationId } = conversation;
    const previous = this.queued.get(conversationId);
    if (previous) {
      this.queues.get(previous.team)?.remove(previous.conversationId, previous.priority);
      this.queued.delete(previous.conversationId);
    }
    // The rotation (round-robin) moves on when an agent is offered a conversation, or given one directly; accepting is not a second turn.
    const ringing = this.offered.get(conversationId);
    this.offered.delete(conversationId);
    this.held.delete(conversationId);
    if (conversation.kind === 'offered') {
      const { team, agentId, offerExpiresAt } = conversation;
      this.offered.set(conversationId, { conversationId, team, agentId, offerExpiresAt });
      this.noteTurn(agentId, team);
    }
    if (conversation.kind === 'assigned') {
      this.held.set(conversationId, { conversationId, team: conversation.team, agentId: conversation.agentId });
      if (ringing?.agentId !== conversation.agentId) this.noteTurn(conversation.agentId, conversation.team);
    }
    if (conversation.kind !== 'queued') return;
    const entry: QueuedConversation = { conversationId, team: conversation.team, priority: conversation.priority, queuedAt: conversation.queuedAt };
    this.queued.set(entry.conversationId, entry);
    this.queue(entry.team).add(entry);
  }

  /** Offers not yet answered, with their deadlines. */
  pendingOffers(): Iterable<PendingOffer> {
    return this.offered.values();
  }

  pendingOffer(conversationId: string): PendingOffer | undefined {
    return this.offered.get(conversationId);
  }

  heldConversation(conversationId: string): HeldConversation | undefined {
    return this.held.get(conversationId);
  }

  /** Assigned conversations and their agents. */
  heldConversations(): Iterable<HeldConversation> {
    return this.held.values();
  }

  /** Applies a team's routing settings (from its `team-<team>` stream). */
  applyTeamSettings(team: string, settings: TeamRoutingSettings): void {
    this.settings.set(team, settings);
  }

  /** The team's routing settings; the defaults for a team never configured. */
  teamSettings(team: string): TeamRoutingSettings {
    return this.settings.get(team) ?? DEFAULT_TEAM_ROUTING_SETTINGS;
  }

  /** Waiting conversations per team that ever had a queue (metrics). */
  queueLengths(): Map<string, number> {
    return new Map([...this.queues].map(([team, queue]) => [team, queue.size]));
  }

  queueOf(team: string): QueuedConversation[] {
    return this.queues.get(team)?.list() ?? [];
  }

  queueHead(team: string): QueuedConversation | undefined {
    return this.queues.get(team)?.head();
  }

  /** 1-based place of a queued conversation in its team's queue. */
  queuePosition(conversationId: string): number | undefined {
    const entry = this.queued.get(conversationId);
    return entry && this.queues.get(entry.team)?.positionOf(conversationId, entry.priority);
  }

  isQueued(conversationId: string): boolean {
    return this.queued.has(conversationId);
  }

  /** Teams that have someone waiting and someone eligible: where a drain can assign. */
  *drainableTeams(): Iterable<string> {
    for (const [team, queue] of this.queues) if (queue.size > 0 && (this.rosters.get(team)?.size ?? 0) > 0) yield team;
  }

  /** The team's rotation (round-robin) moves on past the agent who just got one of its conversations. */
  private noteTurn(agentId: string, team: string): void {
    const memberships = this.agents.get(agentId)?.memberships ?? [];
    for (let index = 0; index < memberships.length; index++) {
      if (memberships[index].team === team) memberships[index].roster.tookTurn(memberships[index].slot);
    }
  }

  /** Leaves the rosters of teams the agent is no longer in, joins the new ones, keeps its place in the others. */
  private moveTeams(record: AgentRecord, teams: readonly string[]): void {
    for (const membership of record.memberships) if (!teams.includes(membership.team)) membership.roster.leave(membership.slot);
    const memberships: Membership[] = [];
    for (const team of new Set(teams)) {
      const kept = record.memberships.find((membership) => membership.team === team);
      if (kept) { memberships.push(kept); continue; }
      const roster = this.roster(team);
      memberships.push({ team, roster, slot: roster.join(record.agentId) });
    }
    record.memberships = memberships;
  }

  private roster(team: string): TeamRoster {
    let roster = this.rosters.get(team);
    if (!roster) { roster = new TeamRoster(); this.rosters.set(team, roster); }
    return roster;
  }

  private queue(team: string): TeamQueue {
    let queue = this.queues.get(team);
    if (!queue) { queue = new TeamQueue(); this.queues.set(team, queue); }
    return queue;
  }
}

/** Same teams in the same order: the agent keeps its memberships as they are. */
const sameTeams = (a: readonly string[], b: readonly string[]): boolean =>
  a === b || (a.length === b.length && a.every((team, index) => team === b[index]));
