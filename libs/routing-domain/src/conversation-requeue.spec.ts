import { describe, expect, it } from '@jest/globals';
import { NOW, at } from './routing.spec-support.js';
import {
  accepted, assigned, closed, givenConversation as given, offered, queued, requeue, requeued, transferred,
} from './conversation.spec-support.js';

describe('re-queuing a conversation after its agent\'s grace', () => {
  it('takes the conversation from the agent who still holds it, for being unavailable', () =>
    given([queued(), assigned('a1', at(5))]).when(requeue('a1', at(600))).then([requeued('a1', at(600))]));

  it('queues it again at its original queue time, so it goes ahead of newer ones', () =>
    given([queued(), assigned('a1', at(5))]).when(requeue('a1', at(600))).thenState((state) =>
      expect(state).toMatchObject({ kind: 'queued', team: 'sales', priority: 0, queuedAt: NOW.toISOString() })));

  it('keeps the original queue time of a conversation that came through an offer', () =>
    given([queued(), offered('a1', at(30)), accepted('a1', at(2))]).when(requeue('a1', at(600))).thenState((state) =>
      expect(state).toMatchObject({ kind: 'queued', queuedAt: NOW.toISOString() })));

  it('appends nothing when another agent holds it by now', () =>
    given([queued(), assigned('a2')]).when(requeue('a1')).then([]));

  it('appends nothing once the agent concluded it', () =>
    given([queued(), assigned('a1'), closed('a1')]).when(requeue('a1')).then([]));

  it('appends nothing once it was transferred away', () =>
    given([queued(), assigned('a1'), transferred('a1', 'billing')]).when(requeue('a1')).then([]));

  it('appends nothing when it was re-queued already (another routing instance)', () =>
    given([queued(), assigned('a1'), requeued('a1')]).when(requeue('a1')).then([]));

  it('refuses a conversation that does not exist', () => given([]).when(requeue('a1')).thenThrows('CONVERSATION_NOT_FOUND'));
});
