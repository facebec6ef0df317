import { describe, expect, it } from '@jest/globals';
import {
  accept, changed, conversationAssigned, conversationReleased, given, overridden, registered, release, setStatus,
} from './presence.spec-support.js';

const online = (agentId: string, teams = ['sales'], max = 2) => [registered(agentId, teams, max), changed(agentId, 'offline', 'online')];

describe('an agent taking conversations', () => {
  it('takes a conversation while online, in the team and under capacity', () =>
    given(online('a1')).when(accept('a1', 'c1')).then([conversationAssigned('a1', 'c1')]));

  it('takes nothing while away', () =>
    given([...online('a1'), changed('a1', 'online', 'away')]).when(accept('a1', 'c1')).thenThrows('AGENT_NOT_AVAILABLE'));

  it('takes nothing while offline, even by a supervisor override', () =>
    given([...online('a1'), overridden('a1', 'online', 'offline', 'sup-1', 'sick')]).when(accept('a1', 'c1')).thenThrows('AGENT_NOT_AVAILABLE'));

  it('takes nothing for a team it is not in', () =>
    given(online('a1', ['sales'])).when(accept('a1', 'c1', 'billing')).thenThrows('AGENT_NOT_IN_TEAM'));

  it('never goes over capacity', () =>
    given([...online('a1', ['sales'], 2), conversationAssigned('a1', 'c1'), conversationAssigned('a1', 'c2')])
      .when(accept('a1', 'c3')).thenThrows('AGENT_AT_CAPACITY'));

  it('appends nothing when it already has the conversation', () =>
    given([...online('a1'), conversationAssigned('a1', 'c1')]).when(accept('a1', 'c1')).then([]));

  it('refuses an unregistered agent', () => given([]).when(accept('ghost', 'c1')).thenThrows('AGENT_NOT_FOUND'));
});

describe('an agent ending conversations', () => {
  it('keeps its open conversations listed when it goes away, so it can conclude them', () =>
    given([...online('a1'), conversationAssigned('a1', 'c1')]).when(setStatus('a1', 'away'))
      .thenState((state) => expect(state).toMatchObject({ status: 'away', openConversations: ['c1'] })));

  it('frees capacity when a conversation is released', () =>
    given([...online('a1', ['sales'], 1), conversationAssigned('a1', 'c1')]).when(release('a1', 'c1', 'transferred'))
      .then([conversationReleased('a1', 'c1', 'transferred')]));

  it('takes a new conversation once capacity is freed', () =>
    given([...online('a1', ['sales'], 1), conversationAssigned('a1', 'c1'), conversationReleased('a1', 'c1')])
      .when(accept('a1', 'c2')).then([conversationAssigned('a1', 'c2')]));

  it('appends nothing when releasing a conversation it does not have', () =>
    given(online('a1')).when(release('a1', 'c9')).then([]));
});
