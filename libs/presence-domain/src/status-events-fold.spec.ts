import { describe, expect, it } from '@jest/globals';
import { offerReleased, reserved } from './offer.spec-support.js';
import {
  NOW, changed, conversationAssigned, overridden, profileChanged, registered, stateAfter, systemSet,
} from './presence.spec-support.js';

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const at = (minutes: number) => later(minutes).toISOString();

describe('a status event folded into the agent', () => {
  const busy = [
    registered('a1', ['sales'], 3, later(0)), profileChanged('a1', ['billing', 'sales'], 3, 'Ada L.'),
    changed('a1', 'offline', 'online', null, later(1)), conversationAssigned('a1', 'c1'), reserved('a1', 'c2'),
    offerReleased('a1', 'c3', 'missed'),
  ];

  it('keeps everything else the agent holds: profile, conversations, offers', () =>
    expect(stateAfter([...busy, changed('a1', 'online', 'away', 'lunch', later(5), 'lunch')])).toEqual({
      kind: 'registered', agentId: 'a1', displayName: 'Ada L.', teams: ['billing', 'sales'], maxConcurrentConversations: 3,
      status: 'away', since: at(5), setBy: { kind: 'agent', id: 'a1', reason: 'lunch', reasonCode: 'lunch' },
      openConversations: ['c1'], pendingOffers: ['c2'], consecutiveMissedOffers: 1, unavailableSince: at(5),
    }));

  it('changes only who owns the status when it confirms it', () =>
    expect(stateAfter([...busy, changed('a1', 'online', 'away', null, later(5)), overridden('a1', 'away', 'away', 'sup-1', 'coaching', later(9))]))
      .toMatchObject({
        status: 'away', since: at(5), unavailableSince: at(5), consecutiveMissedOffers: 1,
        setBy: { kind: 'supervisor', id: 'sup-1', reason: 'coaching', reasonCode: null },
      }));

  it('keeps the count of missed offers and the online state when online is confirmed', () =>
    expect(stateAfter([...busy, overridden('a1', 'online', 'online', 'sup-1', 'stay', later(7))]))
      .toMatchObject({ status: 'online', since: at(1), unavailableSince: null, consecutiveMissedOffers: 1 }));

  it('starts the unavailability clock when the system takes the agent off online', () =>
    expect(stateAfter([...busy, systemSet('a1', 'online', 'away', 'connection-lost', later(6))])).toMatchObject({
      status: 'away', since: at(6), unavailableSince: at(6), setBy: { kind: 'system', id: 'presence', reason: null, reasonCode: 'connection-lost' },
    }));

  it('is ignored for an agent never registered', () =>
    expect(stateAfter([changed('a1', 'offline', 'online')])).toEqual({ kind: 'unregistered' }));
});
