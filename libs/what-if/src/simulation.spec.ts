import { describe, expect, it } from '@jest/globals';
import { leastLoadedPolicy, longestIdlePolicy, roundRobinPolicy, type RoutingPolicy } from '@app/routing-domain';
import type { LoggedEvent } from './recorded-day.js';
import { simulate } from './simulation.js';
import { HAND_COMPUTED_DAY } from './hand-computed-day.spec-support.js';
import { dayOf, onlineAgent, recorded as r } from './what-if.spec-support.js';

/** given(the recorded events).under(a policy): each conversation's simulated wait (s), agents and fate. */
const given = (events: readonly LoggedEvent[], from?: string, to?: string) => ({
  under: (policy: RoutingPolicy) => {
    const outcome = simulate(dayOf(events, from, to), policy);
    const by = <T>(pick: (c: (typeof outcome.conversations)[number]) => T) =>
      Object.fromEntries(outcome.conversations.map((c) => [c.conversationId, pick(c)]));
    return { outcome, waits: by((c) => c.waitMs / 1000), agents: by((c) => c.agents.join(' then ')), fates: by((c) => (c.gaveUp ? 'gave up' : c.stillWaiting ? 'waiting' : 'answered')) };
  },
});

describe('the hand-computed day', () => {
  const none = { s1: 0, b1: 0, s2: 0, o1: 0, o2: 0, o3: 0, r1: 0 };

  it('re-run with least-loaded, the policy that recorded it, nobody waits and every agent is as recorded', () => {
    const { waits, agents } = given(HAND_COMPUTED_DAY).under(leastLoadedPolicy);
    expect(waits).toEqual(none);
    expect(agents).toEqual({ s1: 'B', b1: 'A', s2: 'A', o1: 'C', o2: 'D', o3: 'D', r1: 'C' });
  });

  it('under longest-idle, refunds wait 3,420 s for the agent it filled with orders', () => {
    const { waits, agents } = given(HAND_COMPUTED_DAY).under(longestIdlePolicy);
    expect(waits).toEqual({ ...none, r1: 3420 });
    expect(agents).toMatchObject({ s1: 'B', b1: 'A', o3: 'C', r1: 'C' });
  });

  it('under round-robin, billing waits 240 s and refunds 3,420 s', () => {
    const { waits, agents } = given(HAND_COMPUTED_DAY).under(roundRobinPolicy);
    expect(waits).toEqual({ ...none, b1: 240, r1: 3420 });
    expect(agents).toMatchObject({ s1: 'A', b1: 'A', s2: 'B', o3: 'C' });
  });
});

describe('a simulated day', () => {
  const solo = onlineAgent('a1', ['sales'], 1, '09:00:00', '09:00:00');

  it('keeps each conversation\'s recorded handling time from whenever the simulation assigns it', () => {
    const { waits, outcome } = given([
      ...solo, ...onlineAgent('a2', ['sales'], 1, '09:00:00', '09:00:00'),
      r.queued('c1', 'sales', '10:00:00'), r.assigned('c1', 'sales', 'a1', '10:00:00'),
      r.queued('c2', 'sales', '10:00:10'), r.assigned('c2', 'sales', 'a2', '10:00:10'),
      r.closed('c1', 'sales', 'a1', '10:05:00'), r.closed('c2', 'sales', 'a2', '10:05:10'),
      r.status('a2', 'online', 'offline', '10:06:00'),
    ]).under(leastLoadedPolicy);
    expect(waits).toEqual({ c1: 0, c2: 0 });
    expect(outcome.agents.map(({ agentId, conversations, busyMs }) => [agentId, conversations, busyMs])).toEqual([['a1', 1, 300_000], ['a2', 1, 300_000]]);
  });

  it('routes nothing to an agent while away: the queue waits for the status change the record holds', () => {
    const { waits, agents } = given([
      ...solo, r.status('a1', 'online', 'away', '09:30:00'),
      r.queued('c1', 'sales', '10:00:00'), r.status('a1', 'away', 'online', '10:02:00'),
      r.assigned('c1', 'sales', 'a1', '10:02:00'), r.closed('c1', 'sales', 'a1', '10:03:00'),
    ]).under(roundRobinPolicy);
    expect(waits).toEqual({ c1: 120 });
    expect(agents).toEqual({ c1: 'a1' });
  });

  it('transfers after the same handling time, and the conversation waits again in the new team', () => {
    const { waits, agents } = given([
      ...solo, ...onlineAgent('b1', ['billing'], 1, '09:00:00', '09:00:00'),
      r.queued('x', 'billing', '09:59:00'), r.assigned('x', 'billing', 'b1', '09:59:00'),
      r.queued('c1', 'sales', '10:00:00'), r.assigned('c1', 'sales', 'a1', '10:00:00'),
      r.transferred('c1', 'sales', 'billing', 'a1', '10:01:00'), r.assigned('c1', 'billing', 'b1', '10:01:00'), r.closed('c1', 'billing', 'b1', '10:02:00'),
      r.closed('x', 'billing', 'b1', '10:03:00'),
    ]).under(leastLoadedPolicy);
    expect(agents).toEqual({ x: 'b1', c1: 'a1 then b1' });
    // In the record the transfer found b1 free; here b1 still has x (4 minutes from 09:59) until 10:03.
    expect(waits).toEqual({ x: 0, c1: 120 });
  });

  it('lets a customer who left unanswered in the record leave after the same wait, or be answered when reached sooner', () => {
    const events = [
      r.registered('a1', ['sales'], 1, '09:00:00'), r.queued('c1', 'sales', '10:00:00'), r.queued('c2', 'sales', '10:00:00'),
      r.closed('c1', 'sales', null, '10:00:20'), r.status('a1', 'offline', 'online', '10:00:30'),
      r.assigned('c2', 'sales', 'a1', '10:00:30'), r.closed('c2', 'sales', 'a1', '10:01:30'),
    ];
    expect(given(events).under(leastLoadedPolicy)).toMatchObject({ waits: { c1: 20, c2: 30 }, fates: { c1: 'gave up', c2: 'answered' } });
    // a1 online at 10:00:10 instead: c1 is answered at once (it has no recorded handling time), so c2 gets a1 at 10:00:10 too.
    const sooner = [...events.slice(0, 3), r.status('a1', 'offline', 'online', '10:00:10'), ...events.slice(3, 4), ...events.slice(5)];
    expect(given(sooner).under(leastLoadedPolicy)).toMatchObject({ waits: { c1: 10, c2: 10 }, fates: { c1: 'answered', c2: 'answered' } });
  });

  it('adds an accepted offer\'s recorded accept delay to the wait, and holds the agent through it', () => {
    const { waits } = given([
      ...solo,
      r.queued('c1', 'sales', '10:00:00'), r.offered('c1', 'sales', 'a1', '10:00:00'), r.queued('c2', 'sales', '10:00:05'),
      r.accepted('c1', 'sales', 'a1', '10:00:15'), r.closed('c1', 'sales', 'a1', '10:01:15'),
      r.offered('c2', 'sales', 'a1', '10:01:15'), r.accepted('c2', 'sales', 'a1', '10:01:20'), r.closed('c2', 'sales', 'a1', '10:02:00'),
    ]).under(longestIdlePolicy);
    expect(waits).toEqual({ c1: 15, c2: 75 });
  });

  it('keeps a conversation carried over from before the range with its agent until its recorded end, and reports only the range', () => {
    const { waits, outcome } = given([
      ...solo, r.queued('old', 'sales', '08:59:00'), r.assigned('old', 'sales', 'a1', '09:00:00'),
      r.queued('c1', 'sales', '09:10:00'), r.closed('old', 'sales', 'a1', '09:20:00'),
      r.assigned('c1', 'sales', 'a1', '09:20:00'), r.closed('c1', 'sales', 'a1', '09:25:00'),
    ], '09:05:00', '10:00:00').under(roundRobinPolicy);
    expect(waits).toEqual({ old: 0, c1: 600 });
    expect(outcome.conversations.map((c) => [c.conversationId, c.arrivedInRange])).toEqual([['old', false], ['c1', true]]);
  });

  it('counts a conversation nobody took as waiting until the log ends', () => {
    const { waits, fates } = given([r.queued('c1', 'sales', '10:00:00'), ...onlineAgent('a1', ['billing'], 1, '10:00:00', '10:10:00')]).under(leastLoadedPolicy);
    expect(waits).toEqual({ c1: 600 });
    expect(fates).toEqual({ c1: 'waiting' });
  });
});
