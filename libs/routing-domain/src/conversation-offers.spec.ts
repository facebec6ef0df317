import { describe, expect, it } from '@jest/globals';
import { conversationDecider } from './conversation-decider.js';
import { readConversationEvent } from './conversation-events.js';
import { NOW, at } from './routing.spec-support.js';
import {
  accept, accepted, assign, close, closed, decline, declined, expire, expired, givenConversation as given, offer, offered,
  queued, rescind, rescinded, transfer, transferred,
} from './conversation.spec-support.js';

const DEADLINE = at(30);
const ringing = (agentId = 'a1') => [queued(), offered(agentId, DEADLINE)];

describe('offering a conversation', () => {
  it('offers a queued conversation to one agent, the deadline written in the event', () =>
    given([queued()]).when(offer('a1', 30)).then([offered('a1', DEADLINE)]));

  it('is offered, with the agent and the deadline, until the offer ends', () =>
    given([queued()]).when(offer('a1', 30)).thenState((state) =>
      expect(state).toMatchObject({ kind: 'offered', agentId: 'a1', offeredAt: NOW.toISOString(), offerExpiresAt: DEADLINE.toISOString() })));

  it('appends nothing when the same offer is made again', () => given(ringing('a1')).when(offer('a1')).then([]));

  it('is offered to nobody else while an offer is pending', () => given(ringing('a1')).when(offer('a2')).thenThrows('OFFER_PENDING'));

  it('is assigned to nobody directly while an offer is pending', () => given(ringing('a1')).when(assign('a2')).thenThrows('OFFER_PENDING'));

  it('is not offered once assigned', () => given([...ringing('a1'), accepted('a1')]).when(offer('a2')).thenThrows('CONVERSATION_ALREADY_ASSIGNED'));

  it('is not offered once closed', () => given([queued(), closed(null)]).when(offer('a1')).thenThrows('CONVERSATION_CLOSED'));

  it('refuses a timeout that would not give the agent any time', () =>
    given([queued()]).when(offer('a1', 0)).thenThrows('INVALID_TEAM_SETTINGS', 'offerTimeoutSeconds'));
});

describe('accepting an offer', () => {
  it('assigns the conversation to the offered agent who accepts before the deadline', () =>
    given(ringing('a1')).when(accept('a1', at(29))).then([accepted('a1', at(29))]));

  it('leaves the conversation assigned to that agent', () =>
    given(ringing('a1')).when(accept('a1', at(5))).thenState((state) =>
      expect(state).toMatchObject({ kind: 'assigned', agentId: 'a1', assignedAt: at(5).toISOString(), queuedAt: NOW.toISOString() })));

  it('refuses an accept at the deadline: the offer has expired', () =>
    given(ringing('a1')).when(accept('a1', DEADLINE)).thenThrows('OFFER_EXPIRED'));

  it('refuses an accept after the expiry was recorded, saying it expired', () =>
    given([...ringing('a1'), expired('a1', DEADLINE, at(31))]).when(accept('a1', at(32))).thenThrows('OFFER_EXPIRED'));

  it('refuses an accept after the expiry, even once the conversation went to someone else', () =>
    given([...ringing('a1'), expired('a1', DEADLINE, at(31)), offered('a2', at(61), at(31)), accepted('a2', at(40))])
      .when(accept('a1', at(41))).thenThrows('OFFER_EXPIRED'));

  it('refuses an accept from an agent it is not offered to', () => given(ringing('a1')).when(accept('a2')).thenThrows('OFFER_NOT_PENDING'));

  it('refuses an accept of a queued conversation', () => given([queued()]).when(accept('a1')).thenThrows('OFFER_NOT_PENDING'));

  it('appends nothing when the same agent accepts again', () => given([...ringing('a1'), accepted('a1')]).when(accept('a1')).then([]));

  it('has exactly one winner between an accept and an expiry decided on the same state, at any instant', () => {
    for (const instant of [at(29.999), DEADLINE, at(30.001)]) {
      const state = ringing('a1').reduce(conversationDecider.evolve, conversationDecider.initialState());
      const outcomes = [accept('a1', instant), expire('a1', instant)].map((command) => {
        try { return conversationDecider.decide(command, state).length; } catch { return 0; }
      });
      expect(outcomes.filter((appended) => appended > 0)).toHaveLength(1);
    }
  });
});

describe('declining an offer', () => {
  it('records the decline and the reason', () =>
    given(ringing('a1')).when(decline('a1', ' on a call ')).then([declined('a1', 'on a call')]));

  it('stores a blank reason as none', () => given(ringing('a1')).when(decline('a1', '  ')).then([declined('a1', null)]));

  it('puts the conversation back in its queue at its old place, remembering who declined', () =>
    given(ringing('a1')).when(decline('a1', undefined, at(3))).thenState((state) =>
      expect(state).toEqual({
        kind: 'queued', conversationId: 'c1', team: 'sales', priority: 0, queuedAt: NOW.toISOString(),
        passedOver: [{ agentId: 'a1', outcome: 'declined' }],
      })));

  it('appends nothing when the agent declines again', () => given([...ringing('a1'), declined('a1')]).when(decline('a1')).then([]));

  it('refuses a decline after the deadline', () => given(ringing('a1')).when(decline('a1', undefined, DEADLINE)).thenThrows('OFFER_EXPIRED'));

  it('refuses a decline from an agent it is not offered to', () => given(ringing('a1')).when(decline('a2')).thenThrows('OFFER_NOT_PENDING'));
});

describe('an offer nobody answers', () => {
  it('expires on the deadline', () => given(ringing('a1')).when(expire('a1', DEADLINE)).then([expired('a1', DEADLINE, DEADLINE)]));

  it('does not expire before the deadline', () => given(ringing('a1')).when(expire('a1', at(29))).then([]));

  it('does not expire once answered', () => {
    given([...ringing('a1'), accepted('a1')]).when(expire('a1', at(31))).then([]);
    given([...ringing('a1'), declined('a1')]).when(expire('a1', at(31))).then([]);
  });

  it('expires once: a second expiry (another routing instance) appends nothing', () =>
    given([...ringing('a1'), expired('a1', DEADLINE)]).when(expire('a1', at(31))).then([]));

  it('does not expire an offer made later to the same agent before its own deadline', () =>
    given([...ringing('a1'), expired('a1', DEADLINE, at(30)), offered('a1', at(60), at(30))]).when(expire('a1', at(31))).then([]));

  it('goes back to its queue at its old place, remembering the agent missed it', () =>
    given(ringing('a1')).when(expire('a1', at(31))).thenState((state) =>
      expect(state).toMatchObject({ kind: 'queued', queuedAt: NOW.toISOString(), passedOver: [{ agentId: 'a1', outcome: 'missed' }] })));

  it('appends nothing for a closed conversation', () => given([...ringing('a1'), rescinded('a1', 'conversation-closed'), closed(null)])
    .when(expire('a1', at(31))).then([]));
});

describe('taking an offer back', () => {
  it('rescinds the offer of an agent who went away, without blaming the agent', () =>
    given(ringing('a1')).when(rescind('a1', at(4))).then([rescinded('a1', 'agent-unavailable', at(4))]));

  it('puts the conversation back in its queue at its old place', () =>
    given(ringing('a1')).when(rescind('a1')).thenState((state) =>
      expect(state).toMatchObject({ kind: 'queued', queuedAt: NOW.toISOString(), passedOver: [] })));

  it('appends nothing when the offer already ended', () => {
    given([...ringing('a1'), accepted('a1')]).when(rescind('a1')).then([]);
    given([...ringing('a1'), expired('a1', DEADLINE)]).when(rescind('a1')).then([]);
  });

  it('rescinds the offer first when the conversation is closed while offered', () =>
    given(ringing('a1')).when(close()).then([rescinded('a1', 'conversation-closed'), closed(null)]));

  it('rescinds the offer first when the conversation is transferred while offered, and forgets who passed it over', () => {
    const history = [queued(), offered('a0', at(-30), at(-60)), declined('a0', null, at(-50)), offered('a1', DEADLINE)];
    given(history).when(transfer('billing')).then([rescinded('a1', 'conversation-transferred'), transferred(null, 'billing')]);
    given(history).when(transfer('billing')).thenState((state) =>
      expect(state).toMatchObject({ kind: 'queued', team: 'billing', passedOver: [] }));
  });
});

describe('agents who passed the conversation over', () => {
  it('are remembered across offers, each with its latest answer, and still after an accept', () =>
    given([
      queued(), offered('a1', at(30)), declined('a1', null, at(1)), offered('a2', at(31), at(1)), expired('a2', at(31), at(31)),
      offered('a1', at(61), at(31)), expired('a1', at(61), at(61)), offered('a3', at(91), at(61)),
    ]).when(accept('a3', at(62))).thenState((state) =>
      expect(state).toMatchObject({
        kind: 'assigned', agentId: 'a3', passedOver: [{ agentId: 'a2', outcome: 'missed' }, { agentId: 'a1', outcome: 'missed' }],
      })));
});

describe('reading stored offer events', () => {
  it('reads every offer event as a conversation event', () => {
    for (const event of [offered('a1', DEADLINE), accepted('a1'), declined('a1'), expired('a1', DEADLINE), rescinded('a1')]) {
      expect(readConversationEvent(event)).toEqual(event);
    }
  });
});
