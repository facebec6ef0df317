import { describe, expect, it } from '@jest/globals';
import { InvalidMessageError, parseAgentAvailabilityMessage, type AgentAvailabilityMessage } from './agent-availability-message.js';

/** A message as the first release published it, before issue 12's additions. */
const firstShape = {
  schemaVersion: 1, agentId: 'a1', displayName: 'Ada', teams: ['sales'], maxConcurrentConversations: 2,
  status: 'online', since: '2026-11-25T09:00:00.000Z', setBy: { kind: 'agent', id: 'a1', reason: null },
  openConversations: [], revision: 3, position: '120/120', eventId: 'e', eventType: 'AgentStatusChanged',
  occurredAt: '2026-11-25T09:00:00.000Z',
};

/** A message as this release publishes it after a connection was lost. */
const withAdditions: AgentAvailabilityMessage = {
  ...firstShape, status: 'away', setBy: { kind: 'system', id: 'presence', reasonCode: 'connection-lost' },
  eventType: 'AgentStatusSetBySystem', reasonCode: 'connection-lost', reasonLabel: 'Connection lost',
  connected: false, lastSeenAt: '2026-11-25T08:59:00.000Z',
} as AgentAvailabilityMessage;

/**
 * What a consumer built for the first shape checks, frozen here on purpose:
 * the parser may grow, this list may not, or old consumers would break.
 */
const FIRST_SHAPE_RULES: readonly [string, (v: unknown) => boolean][] = [
  ['schemaVersion', (v) => v === 1],
  ['agentId', (v) => typeof v === 'string' && v.length > 0],
  ['displayName', (v) => typeof v === 'string'],
  ['teams', (v) => Array.isArray(v) && v.every((t) => typeof t === 'string')],
  ['maxConcurrentConversations', (v) => Number.isInteger(v)],
  ['status', (v) => ['online', 'away', 'offline'].includes(v as string)],
  ['since', (v) => typeof v === 'string'],
  ['setBy', (v) => typeof v === 'object' && v !== null],
  ['openConversations', (v) => Array.isArray(v) && v.every((t) => typeof t === 'string')],
  ['revision', (v) => Number.isInteger(v) && (v as number) >= 0],
  ['position', (v) => typeof v === 'string'],
  ['eventId', (v) => typeof v === 'string'],
  ['eventType', (v) => typeof v === 'string'],
  ['occurredAt', (v) => typeof v === 'string'],
];
const firstShapeConsumerAccepts = (text: string): boolean => {
  const value = JSON.parse(text) as Record<string, unknown>;
  return FIRST_SHAPE_RULES.every(([field, rule]) => rule(value[field]));
};

describe('the availability message across releases', () => {
  it('is still read by a consumer built for the first shape when it carries reason, label and connection', () =>
    expect(firstShapeConsumerAccepts(JSON.stringify(withAdditions))).toBe(true));

  it('reads a message from a publisher of the first shape, the additions absent', () => {
    const read = parseAgentAvailabilityMessage(JSON.stringify(firstShape));
    expect([read.reasonCode, read.reasonLabel, read.connected, read.lastSeenAt]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads the additions and a system setter', () =>
    expect(parseAgentAvailabilityMessage(JSON.stringify(withAdditions))).toMatchObject({
      setBy: { kind: 'system', reasonCode: 'connection-lost' }, reasonCode: 'connection-lost', reasonLabel: 'Connection lost',
      connected: false, lastSeenAt: '2026-11-25T08:59:00.000Z',
    }));

  it('reads null reason and last-seen as "none"', () =>
    expect(parseAgentAvailabilityMessage(JSON.stringify({ ...withAdditions, reasonCode: null, reasonLabel: null, lastSeenAt: null })))
      .toMatchObject({ reasonCode: null, reasonLabel: null, lastSeenAt: null }));

  it('is still read by a consumer built for the first shape when it carries offers, missed offers and unavailability', () =>
    expect(firstShapeConsumerAccepts(JSON.stringify({ ...withAdditions, pendingOffers: ['c1'], consecutiveMissedOffers: 2, unavailableSince: null })))
      .toBe(true));

  it('ignores fields it does not know (a later release\'s additions)', () =>
    expect(parseAgentAvailabilityMessage(JSON.stringify({ ...withAdditions, shiftId: 'morning' })).agentId).toBe('a1'));

  it.each([
    ['a reasonCode that is not text', { reasonCode: 7 }, 'reasonCode'],
    ['a reasonLabel that is not text', { reasonLabel: false }, 'reasonLabel'],
    ['connected that is not a boolean', { connected: 'yes' }, 'connected'],
    ['lastSeenAt that is not text', { lastSeenAt: 0 }, 'lastSeenAt'],
  ])('refuses %s, naming it', (_name, change, field) =>
    expect(() => parseAgentAvailabilityMessage(JSON.stringify({ ...withAdditions, ...change }))).toThrow(new InvalidMessageError(`bad or missing ${field}`)));
});
