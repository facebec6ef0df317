import { describe, expect, it } from '@jest/globals';
import { decide } from './decide.js';
import { awayForMissedOffers } from './missed-offers.js';
import { offerAccepted, offerReleased, reserved } from './offer.spec-support.js';
import { NOW, changed, overridden, registered, stateAfter } from './presence.spec-support.js';
import type { PresenceEvent } from './presence-events.js';

const timer = { now: NOW, commandId: 'missed-offer:a1:7', correlationId: 'c9' };
const online: PresenceEvent[] = [registered('a1'), changed('a1', 'offline', 'online')];
const missed = (conversationId: string): PresenceEvent[] => [reserved('a1', conversationId), offerReleased('a1', conversationId, 'missed')];

describe('setting an agent away for missed offers', () => {
  it('sets the agent away, by the system, with reason missed-offer, when the count reaches the team\'s setting', () =>
    expect(awayForMissedOffers(stateAfter([...online, ...missed('c1')]), 1, timer)).toEqual({
      type: 'SetAgentStatusBySystem',
      data: { agentId: 'a1', status: 'away', reasonCode: 'missed-offer' },
      metadata: { ...timer, actor: { kind: 'system', id: 'routing' } },
    }));

  it('waits until the count reaches the setting', () => {
    expect(awayForMissedOffers(stateAfter([...online, ...missed('c1')]), 2, timer)).toBeUndefined();
    expect(awayForMissedOffers(stateAfter([...online, ...missed('c1'), ...missed('c2')]), 2, timer)?.data.status).toBe('away');
  });

  it('never sets anyone away when the setting is 0', () =>
    expect(awayForMissedOffers(stateAfter([...online, ...missed('c1'), ...missed('c2')]), 0, timer)).toBeUndefined());

  it('counts only misses since the last accept', () =>
    expect(awayForMissedOffers(stateAfter([...online, ...missed('c1'), reserved('a1', 'c2'), offerAccepted('a1', 'c2'), ...missed('c3')]), 2, timer))
      .toBeUndefined());

  it('leaves an agent who is away or offline already as it is, whoever set it', () => {
    expect(awayForMissedOffers(stateAfter([...online, ...missed('c1'), changed('a1', 'online', 'away')]), 1, timer)).toBeUndefined();
    expect(awayForMissedOffers(stateAfter([...online, ...missed('c1'), overridden('a1', 'online', 'offline', 'sup-1', 'sick')]), 1, timer))
      .toBeUndefined();
  });

  it('leaves an agent a supervisor put online as it is', () =>
    expect(awayForMissedOffers(stateAfter([registered('a1'), overridden('a1', 'offline', 'online', 'sup-1', 'cover'), ...missed('c1')]), 1, timer))
      .toBeUndefined());

  it('leaves an agent an admin put online as it is', () => {
    const online = changed('a1', 'offline', 'online');
    const byAdmin: PresenceEvent = { ...online, metadata: { ...online.metadata, actor: { kind: 'admin', id: 'root' } } };
    expect(awayForMissedOffers(stateAfter([registered('a1'), byAdmin, ...missed('c1')]), 1, timer)).toBeUndefined();
  });

  it('is a status change the agent\'s rules record with the system as the actor and missed-offer as the reason', () => {
    const state = stateAfter([...online, ...missed('c1')]);
    const [event] = decide(awayForMissedOffers(state, 1, timer)!, state);
    expect(event).toMatchObject({
      type: 'AgentStatusSetBySystem', data: { agentId: 'a1', from: 'online', to: 'away', reasonCode: 'missed-offer' },
      metadata: { actor: { kind: 'system', id: 'routing' }, causationId: 'missed-offer:a1:7' },
    });
  });
});
