import { describe, expect, it } from '@jest/globals';
import type { ConversationEvent } from '../conversation-events.js';
import { TeamActivity } from './team-activity.js';
import { teamStats, type TeamStatsAgent } from './team-stats.js';

const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);
/** Seconds after T0. */
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const meta = (seconds: number) => ({ schemaVersion: 1, occurredAt: at(seconds).toISOString(), actor: { kind: 'service' as const, id: 'routing' }, causationId: 'c', correlationId: 'c' });

const queued = (conversationId: string, seconds: number, team = 'sales'): ConversationEvent =>
  ({ type: 'ConversationQueued', data: { conversationId, team, priority: 0 }, metadata: meta(seconds) });
const assigned = (conversationId: string, seconds: number, team = 'sales'): ConversationEvent =>
  ({ type: 'ConversationAssigned', data: { conversationId, team, agentId: 'a1' }, metadata: meta(seconds) });
const transferred = (conversationId: string, seconds: number, fromTeam: string, toTeam: string): ConversationEvent =>
  ({ type: 'ConversationTransferred', data: { conversationId, fromTeam, toTeam, fromAgentId: null, reason: null }, metadata: meta(seconds) });
const closed = (conversationId: string, seconds: number, team = 'sales'): ConversationEvent =>
  ({ type: 'ConversationClosed', data: { conversationId, team, agentId: null }, metadata: meta(seconds) });

const offerEvent = (type: 'ConversationOffered' | 'OfferAccepted' | 'OfferExpired', conversationId: string, seconds: number): ConversationEvent =>
  (type === 'ConversationOffered'
    ? { type, data: { conversationId, team: 'sales', agentId: 'a1', offerExpiresAt: at(seconds + 30).toISOString() }, metadata: meta(seconds) }
    : type === 'OfferAccepted'
      ? { type, data: { conversationId, team: 'sales', agentId: 'a1' }, metadata: meta(seconds) }
      : { type, data: { conversationId, team: 'sales', agentId: 'a1', offerExpiresAt: at(seconds).toISOString() }, metadata: meta(seconds) });
const requeued = (conversationId: string, seconds: number): ConversationEvent =>
  ({ type: 'ConversationRequeued', data: { conversationId, team: 'sales', fromAgentId: 'a1', reason: 'agent-unavailable' }, metadata: meta(seconds) });

const agent = (status: TeamStatsAgent['status'], teams = ['sales'], connected?: boolean): TeamStatsAgent =>
  ({ teams, status, ...(connected === undefined ? {} : { connected }) });

/** given(conversation events, agents).at(seconds) → the team's numbers. */
const given = (events: ConversationEvent[], agents: TeamStatsAgent[] = []) => ({
  statsAt: (seconds: number, team = 'sales', serviceLevelSeconds?: number) => {
    const activity = new TeamActivity();
    for (const event of events) activity.apply(event);
    return teamStats({ team, now: at(seconds), activity, agents, ...(serviceLevelSeconds === undefined ? {} : { serviceLevelSeconds }) });
  },
});

describe('team live numbers', () => {
  it('counts the team agents by status and how many are connected', () =>
    expect(given([], [agent('online', ['sales'], true), agent('online'), agent('away', ['sales', 'support'], true), agent('offline'), agent('online', ['support'], true)])
      .statsAt(0).agents).toEqual({ online: 2, away: 1, offline: 1, connected: 2 }));

  it('counts queued conversations and how long the oldest has waited', () =>
    expect(given([queued('c1', 0), queued('c2', 30), queued('c3', 40), assigned('c1', 50)]).statsAt(100).conversations)
      .toEqual({ queued: 2, oldestWaitSeconds: 70, assignedNow: 1 }));

  it('has no oldest wait when nobody waits', () =>
    expect(given([queued('c1', 0), assigned('c1', 5)]).statsAt(10).conversations.oldestWaitSeconds).toBeNull());

  it('stops counting a conversation once it is closed or transferred away', () =>
    expect(given([queued('c1', 0), assigned('c1', 5), queued('c2', 6), closed('c1', 20), transferred('c2', 30, 'sales', 'billing')]).statsAt(40).conversations)
      .toEqual({ queued: 0, oldestWaitSeconds: null, assignedNow: 0 }));

  it('counts a ringing or missed offer as still waiting, and the wait as ending at the accept', () => {
    const ringing = given([queued('c1', 0), offerEvent('ConversationOffered', 'c1', 10), offerEvent('OfferExpired', 'c1', 40), offerEvent('ConversationOffered', 'c1', 40)]);
    expect(ringing.statsAt(50).conversations).toEqual({ queued: 1, oldestWaitSeconds: 50, assignedNow: 0 });
    const accepted = given([queued('c1', 0), offerEvent('ConversationOffered', 'c1', 10), offerEvent('OfferAccepted', 'c1', 45)]).statsAt(50);
    expect(accepted.conversations).toEqual({ queued: 0, oldestWaitSeconds: null, assignedNow: 1 });
    expect(accepted.lastFifteenMinutes).toMatchObject({ assigned: 1, medianWaitSeconds: 45 });
  });

  it('counts a conversation re-queued from an absent agent as waiting again since it was first queued', () =>
    expect(given([queued('c1', 0), assigned('c1', 5), requeued('c1', 100)]).statsAt(120).conversations)
      .toEqual({ queued: 1, oldestWaitSeconds: 120, assignedNow: 0 }));

  it('counts a conversation transferred in as offered to the new team, waiting from the transfer', () => {
    const stats = given([queued('c1', 0, 'billing'), transferred('c1', 60, 'billing', 'sales'), assigned('c1', 90)]).statsAt(100);
    expect(stats.lastFifteenMinutes).toMatchObject({ offered: 1, assigned: 1, medianWaitSeconds: 30 });
  });

  it('counts what was offered and assigned in the last 15 minutes only', () => {
    const events = [queued('old', 0), assigned('old', 10), queued('c1', 200), assigned('c1', 205), queued('c2', 900), assigned('c2', 960), queued('c3', 1000)];
    expect(given(events).statsAt(15 * 60 + 100).lastFifteenMinutes).toMatchObject({ offered: 3, assigned: 2 });
  });

  it('gives the median and 90th percentile wait of the recent assignments', () => {
    const waits = [5, 10, 15, 20, 25, 30, 35, 40, 45, 120];
    const events = waits.flatMap((wait, i) => [queued(`c${i}`, i * 10), assigned(`c${i}`, i * 10 + wait)]);
    expect(given(events).statsAt(300).lastFifteenMinutes).toMatchObject({ medianWaitSeconds: 25, p90WaitSeconds: 45 });
  });

  it('gives the service level as the share assigned within the threshold, 20 seconds by default', () => {
    const events = [queued('c1', 0), assigned('c1', 20), queued('c2', 0), assigned('c2', 21), queued('c3', 0), assigned('c3', 5), queued('c4', 0), assigned('c4', 60)];
    expect(given(events).statsAt(100).lastFifteenMinutes).toMatchObject({ serviceLevel: 0.5, serviceLevelSeconds: 20 });
    expect(given(events).statsAt(100, 'sales', 30).lastFifteenMinutes).toMatchObject({ serviceLevel: 0.75, serviceLevelSeconds: 30 });
  });

  it('has no waits and no service level when nothing was assigned lately', () =>
    expect(given([queued('c1', 0)]).statsAt(10).lastFifteenMinutes)
      .toEqual({ offered: 1, assigned: 0, medianWaitSeconds: null, p90WaitSeconds: null, serviceLevel: null, serviceLevelSeconds: 20 }));

  it('answers zeros for a team it never heard of', () =>
    expect(given([queued('c1', 0)]).statsAt(10, 'nobody')).toEqual({
      team: 'nobody', at: at(10).toISOString(), agents: { online: 0, away: 0, offline: 0, connected: 0 },
      conversations: { queued: 0, oldestWaitSeconds: null, assignedNow: 0 },
      lastFifteenMinutes: { offered: 0, assigned: 0, medianWaitSeconds: null, p90WaitSeconds: null, serviceLevel: null, serviceLevelSeconds: 20 },
    }));

  it('answers from the last 15 minutes after a long history, trimming as it goes', () => {
    const activity = new TeamActivity();
    for (let i = 0; i < 5_000; i++) {
      activity.apply(queued(`c${i}`, i * 10));
      activity.apply(assigned(`c${i}`, i * 10 + 3));
      activity.apply(closed(`c${i}`, i * 10 + 5));
    }
    // Arrivals at 49,110 .. 49,990 s fall in (49,100, 50,000]; their assignments 3 s later at 49,103 .. 49,993.
    const stats = teamStats({ team: 'sales', now: at(50_000), activity, agents: [] });
    expect(stats.lastFifteenMinutes).toMatchObject({ offered: 89, assigned: 90, medianWaitSeconds: 3 });
    expect(stats.conversations).toEqual({ queued: 0, oldestWaitSeconds: null, assignedNow: 0 });
  });

  it('knows every team a conversation arrived in, for numbers per team', () => {
    const activity = new TeamActivity();
    [queued('c1', 0, 'sales'), queued('c2', 1, 'billing'), transferred('c2', 2, 'billing', 'support')].forEach((event) => activity.apply(event));
    expect(activity.teams().sort()).toEqual(['billing', 'sales', 'support']);
  });
});
