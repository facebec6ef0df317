import { describe, expect, it } from '@jest/globals';
import { quantile, spreadOf, summarize } from './policy-summary.js';
import type { SimulatedConversation, SimulationOutcome } from './simulation-outcome.js';

const conversation = (conversationId: string, waitSeconds: number, more: Partial<SimulatedConversation> = {}): SimulatedConversation => ({
  conversationId, team: 'sales', arrivedInRange: true, waitMs: waitSeconds * 1000, answered: true, gaveUp: false, stillWaiting: false,
  agents: ['a1'], assignedAt: [0], ...more,
});

const outcome: SimulationOutcome = {
  policy: 'round-robin', endsAt: 0, maxQueueLength: 7, maxQueueLengthByTeam: { sales: 4, billing: 3 },
  conversations: [
    ...Array.from({ length: 10 }, (_, index) => conversation(`s${index}`, index * 10)),
    conversation('gone', 30, { gaveUp: true, answered: false, agents: [null] }),
    conversation('b1', 500, { team: 'billing', stillWaiting: true, answered: false, agents: [null] }),
    conversation('before', 900, { arrivedInRange: false }),
  ],
  agents: [
    { agentId: 'a1', conversations: 9, busyMs: 3_600_000, availableInRange: true, teams: ['sales'] },
    { agentId: 'a2', conversations: 2, busyMs: 600_000, availableInRange: true, teams: ['billing', 'sales'] },
    { agentId: 'a3', conversations: 0, busyMs: 0, availableInRange: true, teams: ['billing'] },
    { agentId: 'never', conversations: 0, busyMs: 0, availableInRange: false, teams: ['sales'] },
  ],
};

describe('a policy\'s summary', () => {
  it('counts the conversations that arrived in the range, and what became of them', () =>
    expect(summarize(outcome, { serviceLevelSeconds: 20 })).toMatchObject({ policy: 'round-robin', conversations: 12, answered: 10, gaveUp: 1, stillWaiting: 1 }));

  it('gives wait percentiles by nearest rank and counts waits over the service level', () =>
    expect(summarize(outcome, { serviceLevelSeconds: 20 })).toMatchObject({
      waitSeconds: { p50: 40, p90: 90, p99: 500, max: 500 }, serviceLevelSeconds: 20, overServiceLevel: 9,
    }));

  it('spreads load over the agents available in the range or given work', () =>
    expect(summarize(outcome, { serviceLevelSeconds: 20 })).toMatchObject({
      agents: 3, conversationsPerAgent: { min: 0, median: 2, max: 9 }, busySecondsPerAgent: { min: 0, median: 600, max: 3600 }, maxQueueLength: 7,
    }));

  it('keeps to one team\'s conversations, queue and members when asked', () =>
    expect(summarize(outcome, { serviceLevelSeconds: 20, team: 'billing' })).toMatchObject({
      conversations: 1, stillWaiting: 1, waitSeconds: { max: 500 }, maxQueueLength: 3, agents: 2, conversationsPerAgent: { min: 0, median: 1, max: 2 },
    }));

  it('reads zeros, not errors, for an empty range', () =>
    expect(summarize({ ...outcome, conversations: [], agents: [] }, { serviceLevelSeconds: 20 })).toMatchObject({
      conversations: 0, waitSeconds: { p50: 0, max: 0 }, overServiceLevel: 0, conversationsPerAgent: { min: 0, median: 0, max: 0 },
    }));
});

describe('quantiles and spreads', () => {
  it('take the nearest rank', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.99)).toBe(4);
    expect(quantile([], 0.5)).toBe(0);
  });

  it('take the middle two\'s mean as the median of an even count', () => expect(spreadOf([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 }));
});
