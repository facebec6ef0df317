import type { RoutingView } from '@app/routing-domain';
import type { AgentChange } from './recorded-day.js';

/** One agent as the simulation sees it: what it holds now, and what it did over the run. */
export interface SimulatedAgent {
  readonly agentId: string;
  teams: readonly string[];
  revision: number;
  /** Conversations it holds now (simulated, not recorded). */
  readonly open: string[];
  /** Conversations given to it over the run. */
  conversations: number;
  /** Time with at least one conversation open, over the run. */
  busyMs: number;
  busySince: number;
  /** Online at some moment of the range. */
  availableInRange: boolean;
  /** Every team it belonged to during the run. */
  readonly teamsSeen: Set<string>;
}

/**
 * The simulation's own account of every agent: it tells the routing view
 * each availability change with the agent's simulated conversations (the
 * recorded ones belong to the policy that was in force), and keeps the
 * counts the comparison reports.
 */
export class AgentLedger {
  private readonly agents = new Map<string, SimulatedAgent>();

  constructor(private readonly view: RoutingView, private readonly rangeEndsAt: number) {}

  all(): IterableIterator<SimulatedAgent> {
    return this.agents.values();
  }

  /** Applies a recorded change of status, teams or capacity; returns the agent's teams, where a queue may now drain. */
  change(change: AgentChange): readonly string[] {
    const agent = this.agent(change.agentId);
    agent.teams = change.teams;
    for (const team of change.teams) agent.teamsSeen.add(team);
    if (change.status === 'online' && change.at < this.rangeEndsAt) agent.availableInRange = true;
    this.view.upsertAgent({
      agentId: change.agentId, teams: change.teams, status: change.status,
      maxConcurrentConversations: change.maxConcurrentConversations, openConversations: [...agent.open], revision: ++agent.revision,
    });
    return change.teams;
  }

  /** The agent takes the conversation at `now`. */
  take(agentId: string, conversationId: string, now: number): void {
    const agent = this.agent(agentId);
    if (agent.open.length === 0) agent.busySince = now;
    agent.open.push(conversationId);
    agent.conversations++;
    this.view.noteAssigned(agentId, conversationId);
  }

  /** The agent is done with the conversation at `now`; returns its teams, where a queue may now drain. */
  release(agentId: string, conversationId: string, now: number): readonly string[] {
    const agent = this.agent(agentId);
    const index = agent.open.indexOf(conversationId);
    if (index >= 0) agent.open.splice(index, 1);
    if (index >= 0 && agent.open.length === 0) agent.busyMs += now - agent.busySince;
    this.view.noteReleased(agentId, conversationId);
    return agent.teams;
  }

  /** Closes the books at the end of the run: time still busy counts up to `end`. */
  finish(end: number): void {
    for (const agent of this.agents.values()) {
      if (agent.open.length > 0) agent.busyMs += end - agent.busySince;
      agent.busySince = end;
    }
  }

  private agent(agentId: string): SimulatedAgent {
    let agent = this.agents.get(agentId);
    if (!agent) {
      agent = {
        agentId, teams: [], revision: 0, open: [], conversations: 0, busyMs: 0, busySince: 0, availableInRange: false, teamsSeen: new Set(),
      };
      this.agents.set(agentId, agent);
    }
    return agent;
  }
}
