import { describe, expect, it } from '@jest/globals';
import { acceptOffered, offerAccepted, offerReleased, releaseOffer, reserve, reserved } from './offer.spec-support.js';
import {
  NOW, accept, changed, conversationAssigned, given, overridden, registered, setStatus, stateAfter,
} from './presence.spec-support.js';

const online = (agentId: string, max = 2, teams = ['sales']) => [registered(agentId, teams, max), changed(agentId, 'offline', 'online')];
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('an offer holding a unit of the agent\'s capacity', () => {
  it('is reserved while the agent is online, in the team and under capacity', () =>
    given(online('a1')).when(reserve('a1', 'c1')).then([reserved('a1', 'c1')]));

  it('lists the offer as pending on the agent', () =>
    given(online('a1')).when(reserve('a1', 'c1')).thenState((state) => expect(state).toMatchObject({ pendingOffers: ['c1'], openConversations: [] })));

  it('counts against capacity with the open conversations', () =>
    given([...online('a1', 2), conversationAssigned('a1', 'c1'), reserved('a1', 'c2')]).when(reserve('a1', 'c3')).thenThrows('AGENT_AT_CAPACITY'));

  it('keeps a direct assignment from going over capacity too', () =>
    given([...online('a1', 1), reserved('a1', 'c1')]).when(accept('a1', 'c2')).thenThrows('AGENT_AT_CAPACITY'));

  it('is refused for an agent who is away', () =>
    given([...online('a1'), changed('a1', 'online', 'away')]).when(reserve('a1', 'c1')).thenThrows('AGENT_NOT_AVAILABLE'));

  it('is refused for a team the agent is not in', () =>
    given(online('a1')).when(reserve('a1', 'c1', 'billing')).thenThrows('AGENT_NOT_IN_TEAM'));

  it('is refused for an agent that is not registered', () => given([]).when(reserve('ghost', 'c1')).thenThrows('AGENT_NOT_FOUND'));

  it('appends nothing when the offer is reserved already', () =>
    given([...online('a1'), reserved('a1', 'c1')]).when(reserve('a1', 'c1')).then([]));
});

describe('an accepted offer', () => {
  it('turns the reserved unit into the open conversation', () =>
    given([...online('a1'), reserved('a1', 'c1')]).when(acceptOffered('a1', 'c1')).then([offerAccepted('a1', 'c1')]));

  it('leaves the conversation open and the offer no longer pending', () =>
    given([...online('a1'), reserved('a1', 'c1')]).when(acceptOffered('a1', 'c1')).thenState((state) =>
      expect(state).toMatchObject({ openConversations: ['c1'], pendingOffers: [] })));

  it('is taken even if the agent went away after the accept was recorded: the unit was held all along', () =>
    given([...online('a1', 1), reserved('a1', 'c1'), changed('a1', 'online', 'away')]).when(acceptOffered('a1', 'c1'))
      .then([offerAccepted('a1', 'c1')]));

  it('appends nothing when the conversation is open already', () =>
    given([...online('a1'), reserved('a1', 'c1'), offerAccepted('a1', 'c1')]).when(acceptOffered('a1', 'c1')).then([]));

  it('is refused when the agent holds no offer of it', () =>
    given(online('a1')).when(acceptOffered('a1', 'c1')).thenThrows('OFFER_NOT_RESERVED'));
});

describe('an offer that ends unaccepted', () => {
  it('frees its unit, saying how it ended', () =>
    given([...online('a1'), reserved('a1', 'c1')]).when(releaseOffer('a1', 'c1', 'declined')).then([offerReleased('a1', 'c1', 'declined')]));

  it('lets the agent take another conversation in its place', () =>
    given([...online('a1', 1), reserved('a1', 'c1'), offerReleased('a1', 'c1', 'rescinded')]).when(reserve('a1', 'c2'))
      .then([reserved('a1', 'c2')]));

  it('appends nothing when the agent holds no such offer', () =>
    given(online('a1')).when(releaseOffer('a1', 'c1', 'missed')).then([]));
});

describe('counting missed offers', () => {
  const missed = (conversationId: string) => [reserved('a1', conversationId), offerReleased('a1', conversationId, 'missed')];

  it('counts each missed offer in a row', () =>
    expect(stateAfter([...online('a1'), ...missed('c1'), ...missed('c2')])).toMatchObject({ consecutiveMissedOffers: 2 }));

  it('does not count declined or rescinded offers', () =>
    expect(stateAfter([
      ...online('a1'), ...missed('c1'), reserved('a1', 'c2'), offerReleased('a1', 'c2', 'declined'),
      reserved('a1', 'c3'), offerReleased('a1', 'c3', 'rescinded'),
    ])).toMatchObject({ consecutiveMissedOffers: 1 }));

  it('starts again at zero after an accept', () =>
    expect(stateAfter([...online('a1'), ...missed('c1'), reserved('a1', 'c2'), offerAccepted('a1', 'c2')]))
      .toMatchObject({ consecutiveMissedOffers: 0 }));

  it('starts again at zero when the agent comes back online', () =>
    expect(stateAfter([...online('a1'), ...missed('c1'), changed('a1', 'online', 'away'), changed('a1', 'away', 'online')]))
      .toMatchObject({ consecutiveMissedOffers: 0 }));

  it('keeps the count while the agent stays away', () =>
    expect(stateAfter([...online('a1'), ...missed('c1'), changed('a1', 'online', 'away')])).toMatchObject({ consecutiveMissedOffers: 1 }));
});

describe('since when an agent has been unavailable', () => {
  it('is since registration for a new agent, who starts offline', () =>
    expect(stateAfter([registered('a1', ['sales'], 2, later(0))])).toMatchObject({ unavailableSince: later(0).toISOString() }));

  it('is nothing while the agent is online', () =>
    expect(stateAfter([registered('a1'), changed('a1', 'offline', 'online', null, later(1))])).toMatchObject({ unavailableSince: null }));

  it('is since the agent left online, whether it went away or offline after', () =>
    expect(stateAfter([
      registered('a1'), changed('a1', 'offline', 'online', null, later(1)), changed('a1', 'online', 'away', null, later(5)),
      overridden('a1', 'away', 'offline', 'sup-1', 'sick', later(9)),
    ])).toMatchObject({ status: 'offline', since: later(9).toISOString(), unavailableSince: later(5).toISOString() }));

  it('ends when the agent comes back online', () =>
    given([registered('a1'), changed('a1', 'offline', 'away', null, later(1))]).when(setStatus('a1', 'online', undefined, later(3)))
      .thenState((state) => expect(state).toMatchObject({ unavailableSince: null })));
});
