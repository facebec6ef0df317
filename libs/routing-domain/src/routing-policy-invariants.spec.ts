import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import { ROUTING_POLICIES } from './routing-policy.js';
import { RoutingView } from './routing-view.js';

const AGENTS = ['a0', 'a1', 'a2', 'a3', 'a4'];
const TEAMS = ['sales', 'billing', 'support'];

type Step =
  | { readonly kind: 'availability'; readonly agent: number; readonly status: AgentStatus; readonly teams: string[]; readonly max: number }
  | { readonly kind: 'route'; readonly team: string; readonly excluded: number[] }
  | { readonly kind: 'release'; readonly pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('availability' as const), agent: fc.nat(AGENTS.length - 1), status: fc.constantFrom(...AGENT_STATUSES),
    teams: fc.subarray(TEAMS), max: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('route' as const), team: fc.constantFrom(...TEAMS), excluded: fc.subarray([0, 1, 2, 3, 4]) }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
);

interface ModelAgent { status: AgentStatus; teams: string[]; max: number; open: string[]; revision: number }

/** What a policy may choose, from a model of the floor kept beside the view. */
const eligible = (agent: ModelAgent | undefined, team: string): boolean =>
  agent !== undefined && agent.status === 'online' && agent.open.length < agent.max && agent.teams.includes(team);

describe.each(Object.values(ROUTING_POLICIES))('whatever happens on the floor, the $name policy', (policy) => {
  it('routes only to an online member of the team under capacity, and finds one whenever there is one', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
      const view = new RoutingView();
      const model = new Map<string, ModelAgent>();
      let sequence = 0;
      for (const next of steps) {
        if (next.kind === 'availability') {
          const agentId = AGENTS[next.agent];
          const known = model.get(agentId);
          const agent = { status: next.status, teams: next.teams, max: next.max, open: known?.open ?? [], revision: (known?.revision ?? 0) + 1 };
          model.set(agentId, agent);
          view.upsertAgent({ agentId, teams: agent.teams, status: agent.status, maxConcurrentConversations: agent.max, openConversations: [...agent.open], revision: agent.revision });
        } else if (next.kind === 'route') {
          const excluded = new Set(next.excluded.map((index) => AGENTS[index]));
          const chosen = policy.selectAgent(view, next.team, excluded);
          const anyone = AGENTS.some((agentId) => !excluded.has(agentId) && eligible(model.get(agentId), next.team));
          if (chosen === undefined) { expect(anyone).toBe(false); continue; }
          expect(excluded.has(chosen)).toBe(false);
          expect(eligible(model.get(chosen), next.team)).toBe(true);
          const conversationId = `c${sequence++}`;
          model.get(chosen)!.open.push(conversationId);
          view.trackConversation({ kind: 'assigned', conversationId, team: next.team, priority: 0, queuedAt: 't', agentId: chosen, assignedAt: 't' });
          view.noteAssigned(chosen, conversationId);
        } else {
          const holders = [...model].filter(([, agent]) => agent.open.length > 0);
          if (holders.length === 0) continue;
          const [agentId, agent] = holders[next.pick % holders.length];
          const conversationId = agent.open.splice(next.pick % agent.open.length, 1)[0];
          view.noteReleased(agentId, conversationId);
        }
      }
    }), { numRuns: 300 });
  });
});
