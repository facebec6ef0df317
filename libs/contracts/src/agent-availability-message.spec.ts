import { describe, expect, it } from '@jest/globals';
import { InvalidMessageError, parseAgentAvailabilityMessage, type AgentAvailabilityMessage } from './agent-availability-message.js';

const valid: AgentAvailabilityMessage = {
  schemaVersion: 1, agentId: 'a1', displayName: 'Ada', teams: ['sales'], maxConcurrentConversations: 2,
  status: 'online', since: '2026-11-25T09:00:00.000Z', setBy: { kind: 'agent', id: 'a1', reason: null },
  openConversations: [], revision: 3, position: '120/120', eventId: 'e', eventType: 'AgentStatusChanged',
  occurredAt: '2026-11-25T09:00:00.000Z',
};

describe('agent availability messages', () => {
  it('parses a valid message', () => expect(parseAgentAvailabilityMessage(JSON.stringify(valid))).toEqual(valid));

  it.each([
    ['not JSON', '{"agentId":'],
    ['a JSON array', '[]'],
    ['an unknown schema version', JSON.stringify({ ...valid, schemaVersion: 2 })],
    ['a missing agent id', JSON.stringify({ ...valid, agentId: undefined })],
    ['an unknown status', JSON.stringify({ ...valid, status: 'busy' })],
    ['a negative revision', JSON.stringify({ ...valid, revision: -1 })],
  ])('refuses %s', (_name, text) => expect(() => parseAgentAvailabilityMessage(text)).toThrow(InvalidMessageError));

  it('parses a message with the offer fields', () => {
    const withOffers = { ...valid, status: 'away', pendingOffers: ['c1'], consecutiveMissedOffers: 1, unavailableSince: valid.since };
    expect(parseAgentAvailabilityMessage(JSON.stringify(withOffers))).toEqual(withOffers);
  });

  it('parses a message from a producer older than offers, without the offer fields', () =>
    expect(parseAgentAvailabilityMessage(JSON.stringify(valid)).pendingOffers).toBeUndefined());

  it.each([
    ['pending offers that are not a list of ids', { pendingOffers: 'c1' }],
    ['a negative missed-offer count', { consecutiveMissedOffers: -1 }],
    ['an unavailable-since that is not text', { unavailableSince: 5 }],
  ])('refuses %s', (_name, change) => expect(() => parseAgentAvailabilityMessage(JSON.stringify({ ...valid, ...change }))).toThrow(InvalidMessageError));

  it('refuses an empty value (a tombstone)', () => expect(() => parseAgentAvailabilityMessage(undefined)).toThrow(InvalidMessageError));
});
