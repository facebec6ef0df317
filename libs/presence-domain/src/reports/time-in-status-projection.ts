import { AgentTimeline } from './agent-timeline.js';
import { byAgentId, isReported, toRow, windowOf, type TimeInStatusFact, type TimeInStatusQuery, type TimeInStatusRow } from './time-in-status-row.js';

export interface ReportPage {
  /** Rows of agents whose id sorts after this one. */
  readonly afterAgentId?: string;
  readonly limit?: number;
}

/**
 * The time-in-status read model: fed every fact once, in log order, as a
 * projection is, and answering any range from per-agent interval sets
 * without replaying the log. It holds no clock; the query brings `now`.
 */
export class TimeInStatusProjection {
  private readonly agents = new Map<string, AgentTimeline>();

  get agentCount(): number {
    return this.agents.size;
  }

  apply(fact: TimeInStatusFact): void {
    const agentId = fact.data.agentId;
    const timeline = this.agents.get(agentId);
    switch (fact.type) {
      case 'AgentRegistered':
        if (timeline) return; // a stream has one registration; a repeat changes nothing
        this.agents.set(agentId, new AgentTimeline({
          agentId, displayName: fact.data.displayName, teams: fact.data.teams, registeredAt: Date.parse(fact.metadata.occurredAt),
        }));
        return;
      case 'OfferOutcome':
        timeline?.applyOffer(fact);
        return;
      case 'AgentProfileChanged':
      case 'AgentStatusChanged':
      case 'AgentStatusOverridden':
      case 'AgentStatusSetBySystem':
      case 'AgentConversationAssigned':
      case 'AgentOfferAccepted':
      case 'AgentConversationReleased':
      case 'AgentOfferReserved':
      case 'AgentOfferReleased':
        timeline?.apply(fact);
        return;
      default: {
        const unhandled: never = fact;
        throw new Error(`unhandled fact ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /**
   * One row per agent registered before the window ends (and matching the
   * filters), by agent id; with `page`, only the rows after `afterAgentId`,
   * at most `limit` of them, and only those are measured.
   */
  report(query: TimeInStatusQuery, page: ReportPage = {}): TimeInStatusRow[] {
    const window = windowOf(query);
    const chosen = query.agentId === undefined ? [...this.agents.values()] : [this.agents.get(query.agentId)].filter((t) => t !== undefined);
    const after = page.afterAgentId;
    const reported = chosen.filter((timeline) => isReported(timeline.agentCard, query, window) && (after === undefined || timeline.agentCard.agentId > after))
      .sort((a, b) => byAgentId(a.agentCard, b.agentCard));
    return reported.slice(0, page.limit ?? reported.length).map((timeline) => toRow(timeline.agentCard, window, timeline.totals(window)));
  }
}
