import type { AgentStatus } from '@app/kernel';
import { INITIAL_STATUS } from '../agent-presence.js';
import {
  addStatusTime, byAgentId, emptyTotals, isReported, offerOutcomeOf, reasonCodeOf, toRow, windowOf,
  type AgentCard, type AgentTotals, type TimeInStatusFact, type TimeInStatusQuery, type TimeInStatusRow, type Window,
} from './time-in-status-row.js';

/**
 * The reference answer: the whole log replayed for one query, each stretch
 * of time cut to the window the moment it ends. Slow (it reads everything
 * per query) and plain on purpose: the projection must agree with it.
 */
interface ReplayedAgent {
  card: AgentCard;
  clock: number;
  status: AgentStatus;
  reasonCode: string | null;
  since: number;
  readonly open: Set<string>;
  busySince: number | undefined;
  busyOnlineSince: number | undefined;
  readonly totals: AgentTotals;
}

const overlap = (start: number, stop: number, window: Window): number =>
  Math.max(0, Math.min(stop, window.end) - Math.max(start, window.from));

const within = (at: number, window: Window): boolean => at >= window.from && at < window.end;

const settleBusy = (agent: ReplayedAgent, at: number, window: Window): void => {
  const busy = agent.open.size > 0;
  if (!busy && agent.busySince !== undefined) {
    agent.totals.occupiedMs += overlap(agent.busySince, at, window);
    agent.busySince = undefined;
  } else if (busy && agent.busySince === undefined) agent.busySince = at;
  const busyOnline = busy && agent.status === 'online';
  if (!busyOnline && agent.busyOnlineSince !== undefined) {
    agent.totals.occupiedOnlineMs += overlap(agent.busyOnlineSince, at, window);
    agent.busyOnlineSince = undefined;
  } else if (busyOnline && agent.busyOnlineSince === undefined) agent.busyOnlineSince = at;
};

const changeStatus = (agent: ReplayedAgent, at: number, to: AgentStatus, reasonCode: string | null, window: Window): void => {
  addStatusTime(agent.totals, agent.status, agent.reasonCode, overlap(agent.since, at, window));
  agent.status = to;
  agent.reasonCode = reasonCode;
  agent.since = at;
  settleBusy(agent, at, window);
};

const register = (fact: Extract<TimeInStatusFact, { type: 'AgentRegistered' }>): ReplayedAgent => {
  const registeredAt = Date.parse(fact.metadata.occurredAt);
  return {
    card: { agentId: fact.data.agentId, displayName: fact.data.displayName, teams: fact.data.teams, registeredAt },
    clock: registeredAt, status: INITIAL_STATUS, reasonCode: null, since: registeredAt, open: new Set(),
    busySince: undefined, busyOnlineSince: undefined, totals: emptyTotals(),
  };
};

const step = (agents: Map<string, ReplayedAgent>, fact: TimeInStatusFact, window: Window): void => {
  const agent = agents.get(fact.data.agentId);
  if (fact.type === 'AgentRegistered') {
    if (!agent) agents.set(fact.data.agentId, register(fact));
    return;
  }
  if (!agent) return;
  if (fact.type === 'AgentOfferReserved') return;
  if (fact.type === 'AgentOfferReleased' || fact.type === 'OfferOutcome') {
    // An offer's release folds as the outcome it counts as (none when rescinded), like the fact read from it.
    const offer = fact.type === 'OfferOutcome' ? fact : offerOutcomeOf(fact);
    const counted = offer && within(Date.parse(offer.metadata.occurredAt), window) ? 1 : 0;
    if (offer?.data.outcome === 'missed') agent.totals.offersMissed += counted;
    else agent.totals.offersDeclined += counted;
    return;
  }
  agent.clock = Math.max(agent.clock, Date.parse(fact.metadata.occurredAt));
  const at = agent.clock;
  switch (fact.type) {
    case 'AgentProfileChanged':
      agent.card = { ...agent.card, displayName: fact.data.displayName, teams: fact.data.teams };
      return;
    case 'AgentStatusOverridden':
      if (within(at, window)) agent.totals.overrides += 1;
      changeStatus(agent, at, fact.data.to, reasonCodeOf(fact), window);
      return;
    case 'AgentStatusChanged':
    case 'AgentStatusSetBySystem':
      changeStatus(agent, at, fact.data.to, reasonCodeOf(fact), window);
      return;
    case 'AgentConversationAssigned':
    case 'AgentOfferAccepted': // an accepted offer is the assignment it becomes
      if (agent.open.has(fact.data.conversationId)) return;
      agent.open.add(fact.data.conversationId);
      if (within(at, window)) agent.totals.assigned += 1;
      settleBusy(agent, at, window);
      return;
    case 'AgentConversationReleased':
      if (!agent.open.delete(fact.data.conversationId)) return;
      if (fact.data.reason === 'closed' && within(at, window)) agent.totals.closed += 1;
      settleBusy(agent, at, window);
      return;
    default: {
      const unhandled: never = fact;
      throw new Error(`unhandled fact ${JSON.stringify(unhandled)}`);
    }
  }
};

/** Time in status over the query's window, by replaying every fact in log order. */
export const timeInStatusByReplay = (facts: Iterable<TimeInStatusFact>, query: TimeInStatusQuery): TimeInStatusRow[] => {
  const window = windowOf(query);
  const agents = new Map<string, ReplayedAgent>();
  for (const fact of facts) step(agents, fact, window);
  const rows: TimeInStatusRow[] = [];
  for (const agent of agents.values()) {
    if (!isReported(agent.card, query, window)) continue;
    addStatusTime(agent.totals, agent.status, agent.reasonCode, overlap(agent.since, Infinity, window));
    if (agent.busySince !== undefined) agent.totals.occupiedMs += overlap(agent.busySince, Infinity, window);
    if (agent.busyOnlineSince !== undefined) agent.totals.occupiedOnlineMs += overlap(agent.busyOnlineSince, Infinity, window);
    rows.push(toRow(agent.card, window, agent.totals));
  }
  return rows.sort(byAgentId);
};
