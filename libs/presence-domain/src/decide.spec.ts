import { describe, expect, it } from '@jest/globals';
import {
  NOW, changed, given, override, overridden, profileChanged, register, registered, setStatus, stateAfter,
} from './presence.spec-support.js';

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('registering an agent', () => {
  it('registers an unknown agent with a normalised profile', () =>
    given([]).when(register('a1', ['sales', 'billing', 'sales'], 3)).then([registered('a1', ['billing', 'sales'], 3)]));

  it('starts a new agent offline, set by registration', () =>
    given([]).when(register('a1')).thenState((state) =>
      expect(state).toMatchObject({ kind: 'registered', status: 'offline', since: NOW.toISOString(), setBy: { kind: 'registration' } })));

  it('changes the profile of a registered agent', () =>
    given([registered('a1', ['sales'], 2)]).when(register('a1', ['support'], 4)).then([profileChanged('a1', ['support'], 4)]));

  it('appends nothing when the profile is the same', () =>
    given([registered('a1', ['sales'], 2)]).when(register('a1', ['sales'], 2)).then([]));

  it('keeps the status when the profile changes', () =>
    given([registered('a1'), changed('a1', 'offline', 'online')]).when(register('a1', ['support'], 4))
      .thenState((state) => expect(state).toMatchObject({ status: 'online', teams: ['support'], maxConcurrentConversations: 4 })));

  it('refuses a capacity below one', () => given([]).when(register('a1', ['sales'], 0)).thenThrows('INVALID_PROFILE'));

  it('refuses a capacity that is not a whole number', () => given([]).when(register('a1', ['sales'], 1.5)).thenThrows('INVALID_PROFILE'));

  it('refuses a blank display name', () => given([]).when(register('a1', ['sales'], 1, '  ')).thenThrows('INVALID_PROFILE'));
});

describe('an agent setting its status', () => {
  it('records the change with from, to, reason and the agent as actor', () =>
    given([registered('a1')]).when(setStatus('a1', 'online', 'shift start')).then([changed('a1', 'offline', 'online', 'shift start')]));

  it('stores no reason as null, and a blank reason as none', () =>
    given([registered('a1')]).when(setStatus('a1', 'away', '   ')).then([changed('a1', 'offline', 'away', null)]));

  it('appends nothing when the agent already has the status', () =>
    given([registered('a1'), changed('a1', 'offline', 'online')]).when(setStatus('a1', 'online')).then([]));

  it('refuses an agent that is not registered', () => given([]).when(setStatus('ghost', 'online')).thenThrows('AGENT_NOT_FOUND'));

  it('says the agent set it, why and since when', () =>
    given([registered('a1')]).when(setStatus('a1', 'away', 'lunch', later(5))).thenState((state) =>
      expect(state).toMatchObject({ status: 'away', since: later(5).toISOString(), setBy: { kind: 'agent', id: 'a1', reason: 'lunch' } })));

  it('ends a supervisor override when the agent changes its status', () =>
    given([registered('a1'), overridden('a1', 'offline', 'away', 'sup-1', 'coaching')]).when(setStatus('a1', 'online'))
      .thenState((state) => expect(state).toMatchObject({ status: 'online', setBy: { kind: 'agent', id: 'a1', reason: null } })));
});

describe('a supervisor overriding a status', () => {
  it('records who overrode the status and why', () =>
    given([registered('a1'), changed('a1', 'offline', 'online')])
      .when(override('a1', 'offline', { supervisorId: 'sup-1', reason: 'sick leave' }))
      .then([overridden('a1', 'online', 'offline', 'sup-1', 'sick leave')]));

  it('requires a reason', () =>
    given([registered('a1')]).when(override('a1', 'offline', { supervisorId: 'sup-1', reason: '  ' })).thenThrows('OVERRIDE_REASON_REQUIRED'));

  it('requires the supervisor', () =>
    given([registered('a1')]).when(override('a1', 'offline', { supervisorId: '', reason: 'sick' })).thenThrows('SUPERVISOR_REQUIRED'));

  it('refuses an agent that is not registered', () =>
    given([]).when(override('ghost', 'offline', { supervisorId: 'sup-1', reason: 'sick' })).thenThrows('AGENT_NOT_FOUND'));

  it('stands until someone changes the status again, and the state says who and why', () =>
    given([registered('a1'), changed('a1', 'offline', 'online')])
      .when(override('a1', 'away', { supervisorId: 'sup-1', reason: 'training' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'away', setBy: { kind: 'supervisor', id: 'sup-1', reason: 'training' } })));

  it('takes ownership of a status the agent already has, without moving since', () =>
    given([registered('a1'), changed('a1', 'offline', 'online', null, later(1))])
      .when(override('a1', 'online', { supervisorId: 'sup-1', reason: 'confirmed on shift' }, later(9)))
      .thenState((state) => expect(state).toMatchObject({
        status: 'online', since: later(1).toISOString(), setBy: { kind: 'supervisor', id: 'sup-1', reason: 'confirmed on shift' },
      })));

  it('appends nothing when the same override is already in force', () =>
    given([registered('a1'), overridden('a1', 'offline', 'away', 'sup-1', 'training')])
      .when(override('a1', 'away', { supervisorId: 'sup-1', reason: 'training' })).then([]));

  it('is replaced by another supervisor override', () =>
    given([registered('a1'), overridden('a1', 'offline', 'away', 'sup-1', 'training')])
      .when(override('a1', 'offline', { supervisorId: 'sup-2', reason: 'sick leave' }))
      .then([overridden('a1', 'away', 'offline', 'sup-2', 'sick leave')]));
});

describe('evolve', () => {
  it('ignores status events for an agent it never saw registered', () =>
    expect(stateAfter([changed('a1', 'offline', 'online')])).toEqual({ kind: 'unregistered' }));
});
