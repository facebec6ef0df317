import { describe, expect, it } from '@jest/globals';
import { positionOf, type RecordedEvent } from '@app/event-store';
import { initialPresence } from '@app/presence-domain';
import type { AgentView } from '../agent-views.js';
import { SessionFeed } from './session-feed.js';
import type { SessionMessageSource } from './session-messages.js';

const at = '2026-11-25T09:00:00.000Z';
const metadata = { occurredAt: at, actor: { kind: 'agent', id: 'a1' }, causationId: 'c', correlationId: 'c', schemaVersion: 2 };
let sequence = 0;
const recorded = (streamId: string, type: string, data: Record<string, unknown>, revision = 0): RecordedEvent => ({
  id: `e${++sequence}`, streamId, revision, position: positionOf(sequence), type, data, metadata, recordedAt: new Date(at),
});
const registered = (agentId: string) => recorded(`agent-${agentId}`, 'AgentRegistered', { agentId, displayName: 'Ada', teams: ['sales'], maxConcurrentConversations: 2 });

/** A fake source: `offer-*` streams name the agent an offer is for. */
const offers: SessionMessageSource = {
  streamPrefixes: ['offer-'],
  messageOf: (event) => (event.type === 'Offered' ? { agentId: String(event.data.agentId), event: 'offer', data: { conversationId: event.data.conversationId } } : undefined),
};
const viewOf = (agent: object) => ({ ...agent, reasonCode: null, reasonLabel: null, connected: true, lastSeenAt: at }) as AgentView;

describe('what a session stream sends', () => {
  it("sends the agent's availability after each event of its own stream, with the event's position as id", () => {
    const feed = new SessionFeed('a1', initialPresence(), [offers], viewOf);
    const event = registered('a1');
    expect(feed.messagesOf(event)).toEqual([{
      id: `${event.position.commit}/${event.position.prepare}`, event: 'availability',
      data: expect.objectContaining({ agentId: 'a1', status: 'offline', eventType: 'AgentRegistered', connected: true }),
    }]);
  });

  it('drops the events of another agent whose id merely starts with this one (agent-a1 and agent-a10 share a prefix)', () => {
    const feed = new SessionFeed('a1', initialPresence(), [offers], viewOf);
    expect(feed.streamPrefixes).toEqual(['agent-a1', 'offer-']);
    expect(feed.messagesOf(registered('a10'))).toEqual([]);
  });

  it("sends a source's message to the agent it names, and to no one else", () => {
    const feed = new SessionFeed('a1', initialPresence(), [offers], viewOf);
    const forA1 = recorded('offer-c1', 'Offered', { agentId: 'a1', conversationId: 'c1' });
    expect(feed.messagesOf(forA1)).toEqual([{ id: `${forA1.position.commit}/${forA1.position.prepare}`, event: 'offer', data: { conversationId: 'c1' } }]);
    expect(feed.messagesOf(recorded('offer-c2', 'Offered', { agentId: 'a2', conversationId: 'c2' }))).toEqual([]);
    expect(feed.messagesOf(recorded('offer-c1', 'OfferSomethingElse', { agentId: 'a1' }))).toEqual([]);
  });

  it('asks a source only about the streams it reads', () => {
    const asked: string[] = [];
    const nosy: SessionMessageSource = { streamPrefixes: ['conversation-'], messageOf: (event) => { asked.push(event.streamId); return undefined; } };
    const feed = new SessionFeed('a1', initialPresence(), [nosy], viewOf);
    feed.messagesOf(recorded('offer-c1', 'Offered', { agentId: 'a1' }));
    feed.messagesOf(recorded('conversation-c1', 'ConversationQueued', {}));
    expect(asked).toEqual(['conversation-c1']);
  });
});
