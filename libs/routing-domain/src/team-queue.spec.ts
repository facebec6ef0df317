import { describe, expect, it } from '@jest/globals';
import { TeamQueue, type QueuedConversation } from './team-queue.js';

const minute = (n: number) => `2026-11-25T10:${String(n).padStart(2, '0')}:00.000Z`;
const waiting = (conversationId: string, queuedAt: number, priority = 0): QueuedConversation =>
  ({ conversationId, team: 'sales', priority, queuedAt: minute(queuedAt) });

const given = (conversations: QueuedConversation[]) => {
  const queue = new TeamQueue();
  for (const conversation of conversations) queue.add(conversation);
  return queue;
};
const order = (queue: TeamQueue) => queue.list().map((c) => c.conversationId);

describe('a team queue', () => {
  it('serves higher priority first, then the oldest queue time', () =>
    expect(order(given([waiting('old', 1), waiting('urgent', 3, 5), waiting('new', 2)]))).toEqual(['urgent', 'old', 'new']));

  it('serves conversations queued at the same instant in arrival order', () =>
    expect(order(given([waiting('b', 1), waiting('a', 1), waiting('c', 1)]))).toEqual(['b', 'a', 'c']));

  it('puts a conversation coming back (declined, missed, re-queued) ahead of newer ones of its priority', () => {
    const queue = given([waiting('c2', 2), waiting('c3', 3), waiting('urgent', 4, 5)]);
    queue.add(waiting('c1', 1));
    expect(order(queue)).toEqual(['urgent', 'c1', 'c2', 'c3']);
    expect(queue.head()?.conversationId).toBe('urgent');
  });

  it('puts it behind older ones and those queued at its own instant', () => {
    const queue = given([waiting('c1', 1), waiting('c2', 2), waiting('c2b', 2), waiting('c4', 4)]);
    queue.add(waiting('back', 2));
    expect(order(queue)).toEqual(['c1', 'c2', 'c2b', 'back', 'c4']);
    expect(queue.positionOf('back', 0)).toBe(4);
  });

  it('removes from the head, the middle and the tail, and counts what is left', () => {
    const queue = given([waiting('c1', 1), waiting('c2', 2), waiting('c3', 2), waiting('c4', 4)]);
    expect(queue.remove('c3', 0)).toBe(true);
    expect(queue.remove('c1', 0)).toBe(true);
    expect(queue.remove('c4', 0)).toBe(true);
    expect(queue.remove('c4', 0)).toBe(false);
    expect(order(queue)).toEqual(['c2']);
    expect(queue.size).toBe(1);
  });

  it('does not remove a conversation under another priority', () => {
    const queue = given([waiting('c1', 1, 2)]);
    expect(queue.remove('c1', 0)).toBe(false);
    expect(queue.size).toBe(1);
  });

  it('knows each conversation\'s place across priorities', () => {
    const queue = given([waiting('low', 1), waiting('high', 2, 3), waiting('low2', 3)]);
    expect([queue.positionOf('high', 3), queue.positionOf('low', 0), queue.positionOf('low2', 0), queue.positionOf('gone', 0)])
      .toEqual([1, 2, 3, undefined]);
  });

  it('moves a conversation added again to its new place, counted once', () => {
    const queue = given([waiting('c1', 1), waiting('c2', 2)]);
    queue.add(waiting('c1', 3));
    expect(order(queue)).toEqual(['c2', 'c1']);
    expect(queue.size).toBe(2);
  });
});
