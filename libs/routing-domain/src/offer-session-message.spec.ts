import { describe, expect, it } from '@jest/globals';
import {
  accepted, assigned, closed, declined, expired, offered, queued, requeued, rescinded, transferred,
} from './conversation.spec-support.js';
import { offerSessionMessageOf } from './offer-session-message.js';
import { at } from './routing.spec-support.js';

describe("an offer on the agent's session stream", () => {
  it('rings the offered agent with the conversation, its team and the deadline', () =>
    expect(offerSessionMessageOf(offered('a1', at(30)))).toEqual({
      agentId: 'a1', event: 'offer', data: { conversationId: 'c1', team: 'sales', offerExpiresAt: at(30).toISOString() },
    }));

  it.each([
    ['accepted', accepted('a1')],
    ['declined', declined('a1', 'busy')],
    ['expired', expired('a1', at(30))],
    ['rescinded', rescinded('a1')],
  ] as const)('stops ringing when the offer is %s, telling the same agent how it ended', (outcome, event) =>
    expect(offerSessionMessageOf(event)).toEqual({ agentId: 'a1', event: 'offer-ended', data: { conversationId: 'c1', outcome } }));

  it('says nothing for conversation events that are not about an offer', () =>
    expect([queued(), assigned('a1'), transferred('a1', 'billing'), closed('a1'), requeued('a1')].map(offerSessionMessageOf))
      .toEqual([undefined, undefined, undefined, undefined, undefined]));
});
