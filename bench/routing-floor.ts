import type { RoutedAgent } from '@app/routing-domain';
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
