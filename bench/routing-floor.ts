import { RoutingView, leastLoadedPolicy, nextOfferee, type PassedOver, type RoutedAgent } from '@app/routing-domain';
import type { AgentStatus } from '@app/kernel';

export const TEAMS = 50;
export const CAPACITY = 3;

export const teamName = (index: number): string => `team-${index % TEAMS}`;

/**
 * A floor of `count` agents over 50 teams: 80 % online, 10 % away, 10 %
 * offline; every fourth agent also works in the next team.
 */
export const routedAgents = (count: number): RoutedAgent[] =>
  Array.from({ length: count }, (_, index) => {
    // By rank within the team, so that every team gets the same mix.
    const rank = Math.floor(index / TEAMS) % 10;
    const status: AgentStatus = rank === 8 ? 'away' : rank === 9 ? 'offline' : 'online';
    const teams = index % 4 === 0 ? [teamName(index), teamName(index + 1)] : [teamName(index)];
    return { agentId: `agent-${index}`, teams, status, maxConcurrentConversations: CAPACITY, openConversations: [], revision: 0 };
  });

const NO_ONE: readonly PassedOver[] = [];

/**
 * One routing decision at a time over a floor of `size` agents, as the
 * routing groups time it. Direct (`offers: false`): pick the least loaded
 * eligible agent of a team and note the assignment. With offers: choose whom
 * to offer (every tenth conversation was declined by the last agent offered,
 * so the choice skips that agent), reserve the unit (noteOffered), then the
 * accept (noteOfferAccepted). Either way, once as many conversations are
 * open as there are agents, the oldest is released (upsertAgent with the
 * next revision and one conversation fewer, as the availability message
 * after a close would), so the load stays steady at about one conversation
 * per agent.
 *
 * The inputs a decision is given in the app (the conversation's team and id)
 * are made before timing, and the open conversations are kept in a ring of
 * two arrays, so that what is timed is the view and not the harness: ids are
 * reused round a ring twice as long as the number that can be open at once,
 * so an id is never open twice.
 */
export const routingDecider = (size: number, { offers = true } = {}) => {
  const view = new RoutingView();
  for (const agent of routedAgents(size)) view.upsertAgent(agent);
  const teams = Array.from({ length: TEAMS }, (_, index) => teamName(index));
  const ring = 2 * (size + 1);
  const conversationIds = Array.from({ length: ring }, (_, index) => `c-${index}`);
  const openAgents: string[] = new Array<string>(ring).fill('');
  const openConversations: string[] = new Array<string>(ring).fill('');
  const declinedBy: PassedOver[] = [{ agentId: '', outcome: 'declined' }];
  let oldest = 0;
  let newest = 0;
  let sequence = 0;
  let unassigned = 0;
  const release = (): void => {
    const agent = view.agent(openAgents[oldest])!;
    const conversationId = openConversations[oldest];
    oldest = (oldest + 1) % ring;
    view.upsertAgent({ ...agent, revision: agent.revision + 1, openConversations: agent.openConversations.filter((id) => id !== conversationId) });
  };
  const decide = (): void => {
    const team = teams[sequence % TEAMS];
    const conversationId = conversationIds[sequence % ring];
    sequence++;
    let agentId: string | undefined;
    if (offers) {
      agentId = nextOfferee(leastLoadedPolicy, view, team, sequence % 10 === 1 ? declinedBy : NO_ONE);
      if (agentId === undefined) { unassigned++; return; }
      view.noteOffered(agentId, conversationId);
      view.noteOfferAccepted(agentId, conversationId);
      declinedBy[0] = { agentId, outcome: 'declined' };
    } else {
      agentId = leastLoadedPolicy.selectAgent(view, team);
      if (agentId === undefined) { unassigned++; return; }
      view.noteAssigned(agentId, conversationId);
    }
    openAgents[newest] = agentId;
    openConversations[newest] = conversationId;
    newest = (newest + 1) % ring;
    if ((newest - oldest + ring) % ring > size) release();
  };
  return { decide, unassigned: () => unassigned };
};
