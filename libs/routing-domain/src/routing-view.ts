import { isEligible, type RoutedAgent } from './routed-agent.js';
import { TeamQueue, type QueuedConversation } from './team-queue.js';
import { TeamRoster } from './team-roster.js';
import type { Conversation } from './conversation.js';

/**
 * Routing's in-memory picture of the floor: every agent it has heard of,
 * each team's eligible agents, and each team's queue. Pure state: no clock,
 * no I/O; the routing app feeds it availability messages and conversation
 * events, in order, and asks it who should take what.
 */
export class RoutingView {
  private readonly agents = new Map<string, RoutedAgent>();
  private readonly rosters = new Map<string, TeamRoster>();
  private readonly queues = new Map<string, TeamQueue>();
  private readonly queued = new Map<string, QueuedConversation>();

  /** Applies an agent's latest availability; returns false (and changes nothing) for a stale or repeated one. */
  upsertAgent(agent: RoutedAgent): boolean {
    const known = this.agents.get(agent.agentId);
    if (known && known.revision >= agent.revision) return false;
    this.agents.set(agent.agentId, agent);
    for (const team of known?.teams ?? []) if (!agent.teams.includes(team)) this.rosters.get(team)?.remove(agent.agentId);
    const eligible = isEligible(agent);
    for (const team of agent.teams) {
      const roster = this.roster(team);
      if (eligible) roster.place(agent.agentId, agent.openConversations.length);
      else roster.remove(agent.agentId);
    }
    return true;
  }

  /**
   * Records an assignment this instance just made, before the agent's next
   * availability message confirms it, so it does not pick the agent again
   * on a stale load. The revision stays, so the confirming message applies.
   */
  noteAssigned(agentId: string, conversationId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.openConversations.includes(conversationId)) return;
    this.replaceAgent({ ...agent, openConversations: [...agent.openConversations, conversationId] });
  }

  /**
   * Records a release this instance just made (a close or a transfer), so the
   * freed capacity drains the queue at once instead of after the agent's next
   * availability message. The revision stays, so that message still applies.
   */
  noteReleased(agentId: string, conversationId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent || !agent.openConversations.includes(conversationId)) return;
    this.replaceAgent({ ...agent, openConversations: agent.openConversations.filter((id) => id !== conversationId) });
  }

  /** Takes an agent out of the running until its next availability message (it refused an assignment). */
  noteUnavailable(agentId: string): void {
    for (const team of this.agents.get(agentId)?.teams ?? []) this.rosters.get(team)?.remove(agentId);
  }

  agent(agentId: string): RoutedAgent | undefined {
    return this.agents.get(agentId);
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

  /** Keeps the queues in step with a conversation's state. */
  trackConversation(conversation: Conversation): void {
    if (conversation.kind === 'none') return;
    const previous = this.queued.get(conversation.conversationId);
    if (previous) {
      this.queues.get(previous.team)?.remove(previous.conversationId, previous.priority);
      this.queued.delete(previous.conversationId);
    }
    if (conversation.kind !== 'queued') return;
    const entry: QueuedConversation = {
      conversationId: conversation.conversationId, team: conversation.team, priority: conversation.priority, queuedAt: conversation.queuedAt,
    };
    this.queued.set(entry.conversationId, entry);
    this.queue(entry.team).add(entry);
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

  private replaceAgent(agent: RoutedAgent): void {
    this.agents.set(agent.agentId, agent);
    const eligible = isEligible(agent);
    for (const team of agent.teams) {
      if (eligible) this.roster(team).place(agent.agentId, agent.openConversations.length);
      else this.rosters.get(team)?.remove(agent.agentId);
    }
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
