import { describe, expect, it } from '@jest/globals';
import { RecordedDayBuilder } from './recorded-day-builder.js';
import { at, dayOf, ms, onlineAgent, recorded } from './what-if.spec-support.js';

describe('reading a recorded day', () => {
  it('keeps each stretch\'s handling time, from assign to its end, and how it ended', () => {
    // Assigned seconds after anything that could explain it (routing was down, say): handling counts from the assign.
    const day = dayOf([
      recorded.queued('c1', 'sales', '10:00:00'), recorded.assigned('c1', 'sales', 'a1', '10:00:05'),
      recorded.transferred('c1', 'sales', 'billing', 'a1', '10:02:05'), recorded.assigned('c1', 'billing', 'a2', '10:03:00'),
      recorded.closed('c1', 'billing', 'a2', '10:04:00'),
    ]);
    expect(day.conversations).toHaveLength(1);
    expect(day.conversations[0]).toMatchObject({ conversationId: 'c1', arrivedAt: ms('10:00:00'), arrivedAtText: at('10:00:00'), start: { kind: 'arrives' } });
    expect(day.conversations[0].segments).toMatchObject([
      { team: 'sales', recordedAgentId: 'a1', handlingMs: 120_000, patienceMs: undefined, end: { kind: 'transferred', toTeam: 'billing' } },
      { team: 'billing', recordedAgentId: 'a2', handlingMs: 60_000, patienceMs: undefined, end: { kind: 'closed' } },
    ]);
  });

  it('counts handling from the arrival, close or status change that set routing off, when the assign follows within moments', () => {
    const day = dayOf([
      ...onlineAgent('a1', ['sales'], 1, '09:00:00', '09:00:00'), recorded.queued('c1', 'sales', '10:00:00'),
      recorded.assigned('c1', 'sales', 'a1', '10:00:00.030'), recorded.queued('c2', 'sales', '10:00:10'),
      recorded.closed('c1', 'sales', 'a1', '10:01:00'), recorded.assigned('c2', 'sales', 'a1', '10:01:00.045'), recorded.closed('c2', 'sales', 'a1', '10:02:00'),
    ]);
    expect(day.conversations.map((conversation) => conversation.segments[0].handlingMs)).toEqual([60_000, 60_000]);
  });

  it('keeps how long a customer waited before leaving unanswered', () => {
    const day = dayOf([recorded.queued('c1', 'sales', '10:00:00'), recorded.closed('c1', 'sales', null, '10:00:45')]);
    expect(day.conversations[0].segments).toMatchObject([{ recordedAgentId: null, handlingMs: undefined, patienceMs: 45_000, end: { kind: 'closed' } }]);
  });

  it('counts an offer\'s handling from the accept, and keeps the accept delay', () => {
    const day = dayOf([
      recorded.queued('c1', 'sales', '10:00:00'), recorded.offered('c1', 'sales', 'a1', '10:00:00'), recorded.accepted('c1', 'sales', 'a1', '10:00:12'),
      recorded.closed('c1', 'sales', 'a1', '10:05:12'),
    ]);
    expect(day.conversations[0].segments).toMatchObject([{ recordedAgentId: 'a1', acceptDelayMs: 12_000, handlingMs: 300_000 }]);
  });

  it('reads a requeue as a stretch that ends and waits again in the same team', () => {
    const day = dayOf([
      recorded.queued('c1', 'sales', '10:00:00'), recorded.assigned('c1', 'sales', 'a1', '10:00:00'),
      recorded.requeued('c1', 'sales', 'a1', '10:10:00'),
    ]);
    expect(day.conversations[0].segments).toMatchObject([
      { team: 'sales', handlingMs: 600_000, end: { kind: 'requeued' } }, { team: 'sales', handlingMs: undefined, patienceMs: undefined, end: { kind: 'open' } },
    ]);
  });

  it('keeps agent changes of status, teams and capacity in log order, and skips events that change none of them', () => {
    const day = dayOf([
      ...onlineAgent('a1', ['sales'], 2, '09:00:00', '09:00:01'), recorded.queued('c1', 'sales', '09:30:00'),
      recorded.status('a1', 'online', 'online', '09:40:00'), recorded.profileChanged('a1', ['billing'], 3, '09:45:00'),
    ]);
    expect(day.happenings.map((happening) => (happening.kind === 'agent' ? `${happening.change.status} ${happening.change.teams.join()} ${happening.change.maxConcurrentConversations}` : 'arrival')))
      .toEqual(['offline sales 2', 'online sales 2', 'arrival', 'online billing 3']);
  });

  it('starts the range with each agent as it was then, and compares only conversations that arrive in it', () => {
    const day = dayOf([
      ...onlineAgent('a1', ['sales'], 2, '08:00:00', '08:00:01'), recorded.queued('early', 'sales', '08:30:00'),
      recorded.assigned('early', 'sales', 'a1', '08:30:00'), recorded.closed('early', 'sales', 'a1', '08:40:00'),
      recorded.queued('in', 'sales', '09:30:00'), recorded.status('a1', 'online', 'away', '09:45:00'), recorded.queued('late', 'sales', '10:30:00'),
    ], '09:00:00', '10:00:00');
    expect(day.agentsAtStart).toMatchObject([{ agentId: 'a1', status: 'online', at: ms('09:00:00') }]);
    expect(day.conversations.map((conversation) => conversation.conversationId)).toEqual(['in']);
    expect(day.happenings.map((happening) => happening.kind)).toEqual(['arrival', 'agent']);
  });

  it('carries over a conversation still with its agent, or still waiting, when the range starts', () => {
    const day = dayOf([
      ...onlineAgent('a1', ['sales'], 2, '08:00:00', '08:00:01'),
      recorded.queued('held', 'sales', '08:50:00'), recorded.assigned('held', 'sales', 'a1', '08:50:00'),
      recorded.queued('waiting', 'billing', '08:55:00'), recorded.closed('held', 'sales', 'a1', '09:10:00'),
    ], '09:00:00', '10:00:00');
    expect(day.conversations.map(({ conversationId, start }) => [conversationId, start])).toEqual([
      ['held', { kind: 'with-agent', segment: 0, agentId: 'a1', until: ms('09:10:00') }],
      ['waiting', { kind: 'waiting', segment: 0, since: ms('08:55:00') }],
    ]);
  });

  it('takes an event whose clock is behind the one before it as happening at that earlier event\'s time', () => {
    const day = dayOf([recorded.queued('c1', 'sales', '10:00:05'), recorded.queued('c2', 'sales', '10:00:04')]);
    expect(day.happenings.map((happening) => happening.at)).toEqual([ms('10:00:05'), ms('10:00:05')]);
  });
});

describe('knowing when the rest of the log no longer matters', () => {
  const reading = (events: ReturnType<typeof recorded.queued>[]) => {
    const builder = new RecordedDayBuilder({ from: ms('09:00:00'), to: ms('10:00:00') });
    for (const event of events) builder.add(event);
    return builder;
  };
  const nextDay = (conversationId: string) => ({ ...recorded.queued(conversationId, 'sales', '00:00:00'), metadata: { occurredAt: '2026-11-25T10:00:00.000Z' } });

  it('is complete a day after the range once every conversation of the range is closed in the record', () =>
    expect(reading([recorded.queued('c1', 'sales', '09:30:00'), recorded.closed('c1', 'sales', null, '09:31:00'), nextDay('later')]).isComplete).toBe(true));

  it('is not complete while a conversation of the range is open, however late the log goes', () =>
    expect(reading([recorded.queued('c1', 'sales', '09:30:00'), nextDay('later')]).isComplete).toBe(false));

  it('is not complete before a day after the range', () =>
    expect(reading([recorded.queued('c1', 'sales', '09:30:00'), recorded.closed('c1', 'sales', null, '09:31:00'), recorded.queued('c2', 'sales', '23:00:00')]).isComplete).toBe(false));
});
