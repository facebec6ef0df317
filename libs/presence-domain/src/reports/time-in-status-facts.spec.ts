import { describe, expect, it } from '@jest/globals';
import { timeInStatusFactOf } from './time-in-status-facts.js';

const metadata = { schemaVersion: 1, occurredAt: '2026-03-02T08:05:00.000Z', actor: { kind: 'service', id: 'routing' } };
const offerReleased = (outcome: string) => ({ type: 'AgentOfferReleased', data: { agentId: 'a1', conversationId: 'c1', outcome }, metadata });

describe('what the report reads from an agent stream', () => {
  it('reads presence events in the current schema', () =>
    expect(timeInStatusFactOf({
      type: 'AgentStatusChanged', data: { agentId: 'a1', from: 'offline', to: 'online', reason: null }, metadata,
    })).toMatchObject({ type: 'AgentStatusChanged', data: { reasonCode: null } }));

  it('counts a missed and a declined offer as the agent ends them', () => {
    expect(timeInStatusFactOf(offerReleased('missed'))).toEqual({
      type: 'OfferOutcome', data: { agentId: 'a1', outcome: 'missed' }, metadata: { occurredAt: metadata.occurredAt },
    });
    expect(timeInStatusFactOf(offerReleased('declined'))).toMatchObject({ data: { outcome: 'declined' } });
  });

  it('does not count an offer taken back from the agent, nor events it does not know', () => {
    expect(timeInStatusFactOf(offerReleased('rescinded'))).toBeUndefined();
    expect(timeInStatusFactOf({ type: 'AgentOfferReserved', data: { agentId: 'a1' }, metadata })).toBeUndefined();
    expect(timeInStatusFactOf({ type: 'AgentOfferReleased', data: null, metadata })).toBeUndefined();
  });
});
