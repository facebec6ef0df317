import { describe, it } from '@jest/globals';
import { leastLoadedPolicy, longestIdlePolicy, ROUTING_POLICIES, roundRobinPolicy } from './routing-policy.js';
import { agentIs, assigned, given, online, released } from './routing-policies.spec-support.js';

describe.each(Object.values(ROUTING_POLICIES))('the $name policy', (policy) => {
  it('routes nothing to an agent who is away', () => given(agentIs('a1', 'away')).when(policy).then(undefined));

  it('routes nothing to an agent who is offline', () => given(agentIs('a1', 'offline')).when(policy).then(undefined));

  it('routes nothing to an agent at capacity', () => given(online('a1', { max: 1, open: ['c1'] })).when(policy).then(undefined));

  it('routes nothing to an agent of another team', () => given(online('a1', { teams: ['billing'] })).when(policy).then(undefined));

  it('routes nothing to an agent it was told to exclude', () => given(online('a1')).when(policy, 'sales', new Set(['a1'])).then(undefined));

  it('routes to the one eligible agent of the team among others who are not', () =>
    given(agentIs('a1', 'away'), online('a2', { teams: ['billing'] }), online('a3', { max: 1, open: ['c1'] }), online('a4'))
      .when(policy).then('a4'));

  it('stops routing to an agent who goes away', () =>
    given(online('a1'), assigned('c1', 'a1'), agentIs('a1', 'away', { open: ['c1'] })).when(policy).then(undefined));
});

describe('least-loaded', () => {
  it('picks the least loaded agent, then the one idle longest at that load', () =>
    given(online('a1', { max: 3 }), online('a2', { max: 3 })).when(leastLoadedPolicy).thenTurns(4, ['a1', 'a2', 'a1', 'a2']));
});

describe('round-robin', () => {
  it('gives each member of the team a turn in the order they joined, then starts again', () =>
    given(online('a1', { max: 5 }), online('a2', { max: 5 }), online('a3', { max: 5 }))
      .when(roundRobinPolicy).thenTurns(4, ['a1', 'a2', 'a3', 'a1']));

  it('ignores load: the next in turn gets it even when someone else has less', () =>
    given(online('a1', { max: 3, open: ['c1', 'c2'] }), online('a2', { max: 3 })).when(roundRobinPolicy).then('a1'));

  it('skips a member who is away, who keeps its place in the rotation when back', () =>
    given(online('a1', { max: 5 }), agentIs('a2', 'away', { max: 5 }), online('a3', { max: 5 }), assigned('c1', 'a1'), assigned('c2', 'a3'),
      online('a2', { max: 5 }))
      .when(roundRobinPolicy).thenTurns(3, ['a1', 'a2', 'a3']));

  it('skips a member at capacity', () =>
    given(online('a1', { max: 5 }), online('a2', { max: 1 }), online('a3', { max: 5 }), assigned('c1', 'a1'), assigned('c2', 'a2', 'billing'))
      .when(roundRobinPolicy).then('a3'));

  it('keeps one rotation per team: a turn in billing does not move the sales rotation', () =>
    given(online('a1', { teams: ['sales', 'billing'], max: 5 }), online('a2', { teams: ['sales', 'billing'], max: 5 }), assigned('c1', 'a1', 'billing'))
      .when(roundRobinPolicy, 'sales').then('a1'));

  it('moves on from whoever got the team\'s last conversation, whichever policy chose them', () =>
    given(online('a1', { max: 5 }), online('a2', { max: 5 }), online('a3', { max: 5 }), assigned('c1', 'a2'))
      .when(roundRobinPolicy).then('a3'));

  it('skips an excluded member to the next in turn', () =>
    given(online('a1'), online('a2'), online('a3')).when(roundRobinPolicy, 'sales', new Set(['a1'])).then('a2'));
});

describe('longest-idle', () => {
  it('picks the agent given a conversation longest ago, whatever its load', () =>
    given(online('a1', { max: 3 }), online('a2', { max: 3 }), assigned('c1', 'a1'), assigned('c2', 'a2'), released('c2', 'a2'))
      .when(longestIdlePolicy).then('a1'));

  it('counts an agent who just came online as given work last', () =>
    given(online('a1'), online('a2'), agentIs('a1', 'away'), online('a1')).when(longestIdlePolicy).then('a2'));

  it('counts a full agent who frees capacity as given work last', () =>
    given(online('a1', { max: 1 }), online('a2', { max: 2 }), assigned('c1', 'a1'), assigned('c2', 'a2'), released('c1', 'a1'))
      .when(longestIdlePolicy).then('a2'));

  it('takes turns among agents who are never full', () =>
    given(online('a1', { max: 9 }), online('a2', { max: 9 })).when(longestIdlePolicy).thenTurns(3, ['a1', 'a2', 'a1']));

  it('skips an excluded agent to the next who waited longest', () =>
    given(online('a1'), online('a2'), online('a3')).when(longestIdlePolicy, 'sales', new Set(['a1'])).then('a2'));
});
