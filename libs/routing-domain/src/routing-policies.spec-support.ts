import { expect } from '@jest/globals';
import type { AgentStatus } from '@app/kernel';
import type { RoutingPolicy } from './routing-policy.js';
import { RoutingView } from './routing-view.js';

/** Something that happened on the floor, as the routing view hears of it. */
export type FloorFact = (view: RoutingView) => void;

interface AgentOptions {
  readonly teams?: readonly string[];
  readonly max?: number;
  readonly open?: readonly string[];
}

// Every availability message in a spec is newer than the one before it.
let revision = 0;

/** The agent's availability message: its status, teams, capacity and open conversations. */
export const agentIs = (agentId: string, status: AgentStatus, { teams = ['sales'], max = 2, open = [] }: AgentOptions = {}): FloorFact =>
  (view) => { view.upsertAgent({ agentId, teams, status, maxConcurrentConversations: max, openConversations: open, revision: ++revision }); };

export const online = (agentId: string, options?: AgentOptions): FloorFact => agentIs(agentId, 'online', options);

/** Routing gave the conversation to the agent (the conversation's state first, then the note, as the app does). */
export const assigned = (conversationId: string, agentId: string, team = 'sales'): FloorFact => (view) => {
  view.trackConversation({
    kind: 'assigned', conversationId, team, priority: 0, queuedAt: '2026-11-25T10:00:00.000Z', agentId, assignedAt: '2026-11-25T10:00:00.000Z',
  });
  view.noteAssigned(agentId, conversationId);
};

/** The conversation was closed or transferred away from the agent. */
export const released = (conversationId: string, agentId: string): FloorFact => (view) => view.noteReleased(agentId, conversationId);

/** given(facts).when(policy routes team).then(agent): a policy's choice as a specification. */
export const given = (...facts: FloorFact[]) => {
  const view = new RoutingView();
  for (const fact of facts) fact(view);
  return {
    when: (policy: RoutingPolicy, team = 'sales', excluded?: ReadonlySet<string>) => ({
      then: (expected: string | undefined) => expect(policy.selectAgent(view, team, excluded)).toBe(expected),
      /** Routes `count` conversations of the team one after the other, each to the agent chosen. */
      thenTurns: (count: number, expected: readonly (string | undefined)[]) => {
        const chosen: (string | undefined)[] = [];
        for (let index = 0; index < count; index++) {
          const agentId = policy.selectAgent(view, team, excluded);
          chosen.push(agentId);
          if (agentId) assigned(`turn-${index}`, agentId, team)(view);
        }
        expect(chosen).toEqual(expected);
      },
    }),
  };
};
