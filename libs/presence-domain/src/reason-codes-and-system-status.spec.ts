import { describe, expect, it } from '@jest/globals';
import { statusHistory } from './status-history.js';
import { upcastPresenceEvent } from './upcast-presence-event.js';
import type { PresenceEvent } from './presence-events.js';
import {
  NOW, changed, given, override, overridden, registered, setBySystem, setStatus, stateAfter, systemSet,
} from './presence.spec-support.js';

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const online = [registered('a1'), changed('a1', 'offline', 'online')];

describe('an agent giving a reason code with its status', () => {
  it('records the code next to the free-text reason', () =>
    given([registered('a1')]).when(setStatus('a1', 'away', 'back at 1', NOW, 'lunch'))
      .then([changed('a1', 'offline', 'away', 'back at 1', NOW, 'lunch')]));

  it('treats a blank code as none', () =>
    given([registered('a1')]).when(setStatus('a1', 'away', undefined, NOW, '  ')).then([changed('a1', 'offline', 'away')]));

  it('records a new code for the status it already has, without moving since', () =>
    given([registered('a1'), changed('a1', 'offline', 'away', null, later(1), 'lunch')])
      .when(setStatus('a1', 'away', undefined, later(5), 'training'))
      .thenState((state) => expect(state).toMatchObject({
        status: 'away', since: later(1).toISOString(), setBy: { kind: 'agent', id: 'a1', reason: null, reasonCode: 'training' },
      })));

  it('appends nothing when the status and code are the ones in force', () =>
    given([registered('a1'), changed('a1', 'offline', 'away', null, NOW, 'lunch')]).when(setStatus('a1', 'away', 'again', NOW, 'lunch')).then([]));
});

describe('a supervisor giving a reason code with an override', () => {
  it('records the code with the override', () =>
    given(online).when(override('a1', 'offline', { supervisorId: 'sup-1', reason: 'went home ill', reasonCode: 'sick-leave' }))
      .then([overridden('a1', 'online', 'offline', 'sup-1', 'went home ill', NOW, 'sick-leave')]));

  it('records the same override with another code as a change', () =>
    given([...online, overridden('a1', 'online', 'offline', 'sup-1', 'ill', NOW, 'sick-leave')])
      .when(override('a1', 'offline', { supervisorId: 'sup-1', reason: 'ill' }))
      .then([overridden('a1', 'offline', 'offline', 'sup-1', 'ill')]));
});

describe('the system setting an online agent away (connection lost, missed offer)', () => {
  it('sets an online agent away with the system as actor and the built-in code', () =>
    given(online).when(setBySystem('a1', 'away', 'connection-lost')).then([systemSet('a1', 'online', 'away', 'connection-lost')]));

  it('says the system set it, which process and why, from the moment it happened', () =>
    given(online).when(setBySystem('a1', 'away', 'connection-lost', later(2))).thenState((state) =>
      expect(state).toMatchObject({ status: 'away', since: later(2).toISOString(), setBy: { kind: 'system', id: 'presence', reasonCode: 'connection-lost' } })));

  it('sets offline instead when the timeout status says so', () =>
    given(online).when(setBySystem('a1', 'offline', 'connection-lost')).then([systemSet('a1', 'online', 'offline', 'connection-lost')]));

  it('sets away for a missed offer the same way', () =>
    given(online).when(setBySystem('a1', 'away', 'missed-offer')).then([systemSet('a1', 'online', 'away', 'missed-offer')]));

  it('leaves an agent who chose away alone', () =>
    given([registered('a1'), changed('a1', 'offline', 'away', null, NOW, 'lunch')]).when(setBySystem('a1', 'away', 'connection-lost')).then([]));

  it('leaves an agent who chose offline alone', () =>
    given([registered('a1'), changed('a1', 'offline', 'online'), changed('a1', 'online', 'offline')])
      .when(setBySystem('a1', 'away', 'connection-lost')).then([]));

  it('leaves a supervisor\'s override to online standing: a person\'s word outranks a lost connection', () =>
    given([registered('a1'), overridden('a1', 'offline', 'online', 'sup-1', 'covering the queue')])
      .when(setBySystem('a1', 'away', 'connection-lost')).then([]));

  it('leaves a supervisor\'s override to away standing', () =>
    given([...online, overridden('a1', 'online', 'away', 'sup-1', 'coaching')]).when(setBySystem('a1', 'offline', 'connection-lost')).then([]));

  it('applies again once the agent takes its status back from the supervisor', () =>
    given([...online, overridden('a1', 'online', 'away', 'sup-1', 'coaching'), changed('a1', 'away', 'online')])
      .when(setBySystem('a1', 'away', 'connection-lost')).then([systemSet('a1', 'online', 'away', 'connection-lost')]));

  it('appends nothing for a second process reacting to the same lapse', () =>
    given([...online, systemSet('a1', 'online', 'away', 'connection-lost')]).when(setBySystem('a1', 'away', 'connection-lost', NOW, 'cmd-2')).then([]));

  it('gives the status back to the agent when it comes online again', () =>
    given([...online, systemSet('a1', 'online', 'away', 'connection-lost')]).when(setStatus('a1', 'online'))
      .thenState((state) => expect(state).toMatchObject({ status: 'online', setBy: { kind: 'agent', id: 'a1', reasonCode: null } })));

  it('refuses an agent that is not registered', () => given([]).when(setBySystem('ghost', 'away', 'connection-lost')).thenThrows('AGENT_NOT_FOUND', 'agentId'));
});

describe('the audit history with reason codes and system changes', () => {
  const log: PresenceEvent[] = [
    registered('a1'), changed('a1', 'offline', 'online', null, later(1)), systemSet('a1', 'online', 'away', 'connection-lost', later(3)),
    changed('a1', 'away', 'online', null, later(4)), overridden('a1', 'online', 'offline', 'sup-1', 'ill', later(5), 'sick-leave'),
  ];
  const entries = statusHistory(log.map((event, i) => ({ event, position: `${i}/${i}`, revision: i, eventId: `e${i}` })));

  it('shows a system change with setBy kind system, the process and the code', () =>
    expect(entries[1]).toEqual({
      at: later(3).toISOString(), from: 'online', to: 'away', reason: null, reasonCode: 'connection-lost',
      setBy: { kind: 'system', id: 'presence' }, eventType: 'AgentStatusSetBySystem', eventId: 'e2', position: '2/2', revision: 2,
    }));

  it('shows each change\'s setter kind and code in order', () =>
    expect(entries.map((e) => [e.setBy.kind, e.to, e.reasonCode])).toEqual([
      ['agent', 'online', null], ['system', 'away', 'connection-lost'], ['agent', 'online', null], ['supervisor', 'offline', 'sick-leave'],
    ]));
});

describe('reading status events stored before reason codes (schema 1)', () => {
  const v1 = (event: PresenceEvent) => {
    const { reasonCode: _dropped, ...data } = event.data as { reasonCode?: unknown };
    return { type: event.type, data, metadata: { ...event.metadata, schemaVersion: 1 } };
  };

  it('reads a version 1 status change with no reason code', () =>
    expect(upcastPresenceEvent(v1(changed('a1', 'offline', 'online', 'shift')))).toEqual({
      ...changed('a1', 'offline', 'online', 'shift'), metadata: { ...changed('a1', 'offline', 'online').metadata, schemaVersion: 1 },
    }));

  it('reads a version 1 override with no reason code', () =>
    expect(upcastPresenceEvent(v1(overridden('a1', 'online', 'away', 'sup-1', 'coaching')))?.data).toMatchObject({ reasonCode: null, supervisorId: 'sup-1' }));

  it('leaves other version 1 events as they were', () =>
    expect(upcastPresenceEvent(v1(registered('a1')))?.data).toEqual(registered('a1').data));

  it('replays a version 1 log into the same state as before, setters with no code', () => {
    const events = [registered('a1'), changed('a1', 'offline', 'online'), overridden('a1', 'online', 'away', 'sup-1', 'coaching')]
      .map((e) => upcastPresenceEvent(v1(e)) as PresenceEvent);
    expect(stateAfter(events)).toMatchObject({ status: 'away', setBy: { kind: 'supervisor', id: 'sup-1', reason: 'coaching', reasonCode: null } });
  });
});
