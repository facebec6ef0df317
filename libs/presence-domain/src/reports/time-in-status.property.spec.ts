import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AGENT_STATUSES, type AgentStatus } from '@app/kernel';
import type { PresenceEvent } from '../presence-events.js';
import { T0 } from './reports.spec-support.js';
import { TimeInStatusProjection } from './time-in-status-projection.js';
import { timeInStatusByReplay } from './time-in-status-replay.js';
import type { TimeInStatusFact, TimeInStatusQuery, TimeInStatusRow } from './time-in-status-row.js';

const AGENTS = ['a1', 'b2', 'c3'];
const TEAMS = [['sales'], ['support'], ['sales', 'support']];
const CODES = [undefined, 'lunch', 'training', ' ', 'sick-leave'];

/** One step of a random history: whose, what, and how far the writer's clock moved (sometimes backwards). */
const stepArbitrary = fc.record({
  agent: fc.integer({ min: 0, max: AGENTS.length - 1 }),
  kind: fc.constantFrom('register', 'register', 'status', 'status', 'status', 'override', 'system', 'assign', 'assign', 'release', 'profile', 'offer'),
  advanceMs: fc.oneof(fc.integer({ min: 0, max: 3_600_000 }), fc.constant(0), fc.integer({ min: -120_000, max: 0 })),
  status: fc.constantFrom<AgentStatus>(...AGENT_STATUSES),
  code: fc.constantFrom(...CODES),
  conversation: fc.integer({ min: 0, max: 3 }),
  release: fc.constantFrom('closed', 'transferred', 'assigned-elsewhere'),
  teams: fc.integer({ min: 0, max: TEAMS.length - 1 }),
  missed: fc.boolean(),
});

type Step = typeof stepArbitrary extends fc.Arbitrary<infer S> ? S : never;

const factOf = (step: Step, occurredAt: string): TimeInStatusFact => {
  const agentId = AGENTS[step.agent];
  const metadata = { schemaVersion: 1, occurredAt, actor: { kind: 'agent' as const, id: agentId }, causationId: 'c', correlationId: 'c' };
  const reasonCode = step.code === undefined ? {} : { reasonCode: step.code };
  const conversationId = `conv-${step.agent}-${step.conversation}`;
  switch (step.kind) {
    case 'register':
      return { type: 'AgentRegistered', data: { agentId, displayName: agentId, teams: TEAMS[step.teams], maxConcurrentConversations: 2 }, metadata };
    case 'profile':
      return { type: 'AgentProfileChanged', data: { agentId, displayName: `${agentId}!`, teams: TEAMS[step.teams], maxConcurrentConversations: 2 }, metadata };
    case 'status':
      return { type: 'AgentStatusChanged', data: { agentId, from: 'offline', to: step.status, reason: 'why', ...reasonCode }, metadata } as PresenceEvent;
    case 'override':
      return { type: 'AgentStatusOverridden', data: { agentId, from: 'offline', to: step.status, reason: 'cover', supervisorId: 's', ...reasonCode }, metadata } as PresenceEvent;
    case 'system':
      return { type: 'AgentStatusSetBySystem', data: { agentId, from: 'online', to: step.status, reasonCode: step.missed ? 'missed-offer' : 'connection-lost' }, metadata };
    case 'assign':
      return { type: 'AgentConversationAssigned', data: { agentId, conversationId, team: 'sales' }, metadata };
    case 'release':
      return { type: 'AgentConversationReleased', data: { agentId, conversationId, reason: step.release as 'closed' }, metadata };
    case 'offer':
      return { type: 'OfferOutcome', data: { agentId, outcome: step.missed ? 'missed' : 'declined' }, metadata: { occurredAt } };
    default:
      throw new Error(`unknown step ${step.kind}`);
  }
};

/** The log the steps describe: one clock that mostly moves forward, as several writers' clocks would look. */
const historyOf = (steps: readonly Step[]): TimeInStatusFact[] => {
  let clock = T0;
  return steps.map((step) => {
    clock += step.advanceMs;
    return factOf(step, new Date(clock).toISOString());
  });
};

/** A range somewhere around the history, boundaries often exactly on an event's instant. */
const queryArbitrary = (facts: readonly TimeInStatusFact[]): fc.Arbitrary<TimeInStatusQuery> => {
  const instants = facts.map((fact) => Date.parse(fact.metadata.occurredAt));
  const lowest = Math.min(T0, ...instants) - 3_600_000;
  const highest = Math.max(T0, ...instants) + 3_600_000;
  const instant = fc.oneof(fc.integer({ min: lowest, max: highest }), fc.constantFrom(...instants, T0));
  return fc.record({
    a: instant, b: instant, now: fc.oneof(instant, fc.constant(highest + 86_400_000)),
    team: fc.option(fc.constantFrom('sales', 'support'), { nil: undefined }),
    agentId: fc.option(fc.constantFrom(...AGENTS), { nil: undefined }),
    teams: fc.option(fc.subarray(['sales', 'support', 'billing']), { nil: undefined }),
  }).map(({ a, b, now, team, agentId, teams }) => ({
    from: new Date(Math.min(a, b)), to: new Date(Math.max(a, b)), now: new Date(now),
    ...(team === undefined ? {} : { team }), ...(agentId === undefined ? {} : { agentId }), ...(teams === undefined ? {} : { teams }),
  }));
};

describe('the time-in-status projection', () => {
  it('answers every range as a full replay of the log does, for random histories', () =>
    fc.assert(
      fc.property(
        fc.array(stepArbitrary, { maxLength: 60 }).chain((steps) => {
          const facts = historyOf(steps);
          return fc.tuple(fc.constant(facts), fc.array(queryArbitrary(facts), { minLength: 1, maxLength: 5 }));
        }),
        ([facts, queries]) => {
          const projection = new TimeInStatusProjection();
          facts.forEach((fact) => projection.apply(fact));
          for (const query of queries) expect(projection.report(query)).toEqual(timeInStatusByReplay(facts, query));
        },
      ),
      { numRuns: 400 },
    ));

  it('keeps the answer for a past range when later events arrive', () =>
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 2, maxLength: 40 }), fc.nat(), (steps, cut) => {
        const facts = historyOf(steps.map((step) => ({ ...step, advanceMs: Math.abs(step.advanceMs) })));
        const split = cut % facts.length;
        const projection = new TimeInStatusProjection();
        facts.slice(0, split).forEach((fact) => projection.apply(fact));
        const lastSeen = Math.max(T0, ...facts.slice(0, split).map((fact) => Date.parse(fact.metadata.occurredAt)));
        const query = { from: new Date(T0 - 3_600_000), to: new Date(lastSeen), now: new Date(lastSeen) };
        const before = projection.report(query);
        facts.slice(split).forEach((fact) => projection.apply(fact));
        // Profiles may change later; the measured past may not.
        const measured = (rows: TimeInStatusRow[]) => rows.map(({ agentId, seconds, byReason, occupancy, conversations, offers, overridesReceived }) =>
          ({ agentId, seconds, byReason, occupancy, conversations, offers, overridesReceived }));
        expect(measured(projection.report(query)).filter((row) => before.some((b) => b.agentId === row.agentId))).toEqual(measured(before));
      }),
      { numRuns: 200 },
    ));

  it('splits each status into its reason codes without losing a second', () =>
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 60 }), (steps) => {
        const facts = historyOf(steps);
        const projection = new TimeInStatusProjection();
        facts.forEach((fact) => projection.apply(fact));
        for (const row of projection.report({ from: new Date(T0 - 3_600_000), to: new Date(T0 + 86_400_000), now: new Date(T0 + 86_400_000) })) {
          for (const status of AGENT_STATUSES) {
            const split = row.byReason.filter((entry) => entry.status === status).reduce((sum, entry) => sum + entry.seconds * 1000, 0);
            expect(Math.round(split)).toBe(Math.round(row.seconds[status] * 1000));
          }
        }
      }),
    ));
});
