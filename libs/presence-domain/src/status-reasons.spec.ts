import { describe, expect, it } from '@jest/globals';
import type { AgentStatus } from '@app/kernel';
import { deciderSpecification } from '@app/kernel/testing';
import { NOW } from './presence.spec-support.js';
import { acceptableReason, reasonCodeProblem, reasonLabelOf } from './reason-code-problem.js';
import { evolveCatalogue, initialCatalogue, statusReasonDecider, statusReasonsOf } from './status-reason-catalogue.js';
import type { PutStatusReason, StatusReasonEvent } from './status-reason-events.js';

const admin = { kind: 'admin', id: 'admin-1' } as const;
const given = deciderSpecification(statusReasonDecider);
const fold = (events: StatusReasonEvent[]) => events.reduce(evolveCatalogue, initialCatalogue());

const put = (code: string, label: string, status: AgentStatus, retired?: boolean): PutStatusReason => ({
  type: 'PutStatusReason', data: { code, label, status, ...(retired === undefined ? {} : { retired }) },
  metadata: { now: NOW, actor: admin, commandId: 'cmd-1', correlationId: 'corr-1' },
});

const reasonEvent = (type: StatusReasonEvent['type']) => (code: string, label: string, status: AgentStatus, retired = false): StatusReasonEvent => ({
  type, data: { code, label, status, retired },
  metadata: { schemaVersion: 1, occurredAt: NOW.toISOString(), actor: admin, causationId: 'cmd-1', correlationId: 'corr-1' },
});
const defined = reasonEvent('StatusReasonDefined');
const changedReason = reasonEvent('StatusReasonChanged');

describe('an admin keeping the catalogue of status reasons', () => {
  it('defines a new reason with its label and status class', () =>
    given([]).when(put('lunch', 'Lunch', 'away')).then([defined('lunch', 'Lunch', 'away')]));

  it('trims the label', () => given([]).when(put('training', '  Training ', 'away')).then([defined('training', 'Training', 'away')]));

  it('changes the label, class or retirement of a reason that exists', () =>
    given([defined('lunch', 'Lunch', 'away')]).when(put('lunch', 'Lunch break', 'away', true))
      .then([changedReason('lunch', 'Lunch break', 'away', true)]));

  it('appends nothing when the reason is already as asked (a retried PUT)', () =>
    given([defined('lunch', 'Lunch', 'away')]).when(put('lunch', 'Lunch', 'away', false)).then([]));

  it('brings a retired reason back when the PUT leaves retired out', () =>
    given([defined('lunch', 'Lunch', 'away', true)]).when(put('lunch', 'Lunch', 'away')).then([changedReason('lunch', 'Lunch', 'away', false)]));

  it.each([
    ['an upper-case code', put('Lunch', 'Lunch', 'away'), 'code'],
    ['a code with spaces', put('sick leave', 'Sick', 'offline'), 'code'],
    ['a code ending in a dash', put('lunch-', 'Lunch', 'away'), 'code'],
    ['a code of 65 characters', put('a'.repeat(65), 'Long', 'away'), 'code'],
    ['a blank label', put('lunch', '   ', 'away'), 'label'],
    ['a label of 121 characters', put('lunch', 'x'.repeat(121), 'away'), 'label'],
    ['an unknown status class', put('lunch', 'Lunch', 'busy' as AgentStatus), 'status'],
    ['a retired flag that is not a boolean', put('lunch', 'Lunch', 'away', 'yes' as unknown as boolean), 'retired'],
  ])('refuses %s, naming the field', (_name, command, field) =>
    given([]).when(command).thenThrows('INVALID_STATUS_REASON', field));

  it.each(['connection-lost', 'missed-offer'])('refuses to edit the system reason %s', (code) =>
    given([]).when(put(code, 'Renamed', 'away')).thenThrows('SYSTEM_REASON_READ_ONLY', 'code'));

  it('refuses to retire a system reason', () =>
    given([]).when(put('connection-lost', 'Connection lost', 'away', true)).thenThrows('SYSTEM_REASON_READ_ONLY', 'code'));
});

describe('the catalogue as GET /v1/status-reasons lists it', () => {
  it('holds the system reasons from the start, both in the away class', () =>
    expect(statusReasonsOf(fold([]))).toEqual([
      { code: 'connection-lost', label: 'Connection lost', status: 'away', retired: false, system: true },
      { code: 'missed-offer', label: 'Missed offer', status: 'away', retired: false, system: true },
    ]));

  it('lists the admins\' reasons by code, each with its latest label, class and retirement', () =>
    expect(statusReasonsOf(fold([defined('training', 'Training', 'away'), defined('lunch', 'Lunch', 'away'),
      changedReason('training', 'Training', 'offline', true)])).filter((r) => !r.system)).toEqual([
      { code: 'lunch', label: 'Lunch', status: 'away', retired: false, system: false },
      { code: 'training', label: 'Training', status: 'offline', retired: true, system: false },
    ]));

  it('keeps the built-in entry if a stored event ever named a system code', () =>
    expect(fold([defined('missed-offer', 'Hijacked', 'offline')]).reasons.get('missed-offer'))
      .toMatchObject({ label: 'Missed offer', status: 'away', system: true }));
});

describe('a reason code given with a status change', () => {
  const catalogue = fold([defined('lunch', 'Lunch', 'away'), defined('sick-leave', 'Sick leave', 'offline'), defined('old', 'Old', 'away', true)]);

  it('is accepted when it exists, is current and belongs to the status', () =>
    expect(reasonCodeProblem(catalogue, 'lunch', 'away')).toBeUndefined());

  it.each([
    ['an unknown code', 'pizza', 'away', 'REASON_CODE_UNKNOWN'],
    ['a retired code', 'old', 'away', 'REASON_CODE_RETIRED'],
    ['a code of another status class', 'sick-leave', 'away', 'REASON_CODE_WRONG_STATUS'],
    ['a system code', 'connection-lost', 'away', 'REASON_CODE_RESERVED'],
  ] as const)('is refused for %s, naming reasonCode', (_name, code, status, problem) =>
    expect(reasonCodeProblem(catalogue, code, status)).toEqual({ code: problem, field: 'reasonCode', message: expect.any(String) }));

  it('is thrown as a coded domain error by the handlers\' helper', () =>
    expect(() => acceptableReason(catalogue, 'sick-leave', 'away')).toThrow(expect.objectContaining({ code: 'REASON_CODE_WRONG_STATUS', field: 'reasonCode' }) as unknown as Error));

  it('gives the label the caller shows, the current one even for a retired code', () => {
    expect(acceptableReason(catalogue, 'lunch', 'away').label).toBe('Lunch');
    expect([reasonLabelOf(catalogue, 'old'), reasonLabelOf(catalogue, 'connection-lost'), reasonLabelOf(catalogue, null)])
      .toEqual(['Old', 'Connection lost', null]);
  });
});

describe('reading stored catalogue events', () => {
  it('reads a version 1 event as it is and ignores other streams\' types', () => {
    const event = defined('lunch', 'Lunch', 'away');
    expect([statusReasonDecider.read(event), statusReasonDecider.read({ type: 'AgentRegistered', data: {}, metadata: {} })]).toEqual([event, undefined]);
  });

  it('refuses an event written by a newer schema rather than misread it', () =>
    expect(() => statusReasonDecider.read({ ...defined('lunch', 'Lunch', 'away'), metadata: { schemaVersion: 9 } })).toThrow(/newer/));
});
