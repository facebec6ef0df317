import { offerInMessage } from './offers.js';

const message = (event: string, data: unknown) => ({ id: '1/1', event, data: JSON.stringify(data) });

describe('reading offers from the agent session stream', () => {
  it('rings for a message that carries a conversation and an offer deadline', () => {
    expect(offerInMessage(message('offer', { conversationId: 'c1', team: 'sales', offerExpiresAt: '2026-03-01T10:00:30Z' })))
      .toEqual({ conversationId: 'c1', offer: { conversationId: 'c1', team: 'sales', offerExpiresAt: '2026-03-01T10:00:30Z' } });
  });

  it('finds the offer inside an event envelope too', () => {
    expect(offerInMessage(message('ConversationOffered', { type: 'ConversationOffered', data: { conversationId: 'c2', offerExpiresAt: '2026-03-01T10:00:30Z' } })))
      .toMatchObject({ offer: { conversationId: 'c2' } });
  });

  it('stops ringing when the offer is accepted, declined, expired or rescinded', () => {
    for (const event of ['offer-accepted', 'OfferDeclined', 'offer-expired', 'OfferRescinded']) {
      expect(offerInMessage(message(event, { conversationId: 'c1', offerExpiresAt: '2026-03-01T10:00:30Z' }))).toEqual({ conversationId: 'c1' });
    }
  });

  it('ignores messages about no conversation, and text that is not JSON', () => {
    expect(offerInMessage(message('availability', { agentId: 'ada', status: 'online' }))).toBeUndefined();
    expect(offerInMessage({ id: undefined, event: 'message', data: 'hello' })).toBeUndefined();
  });
});
