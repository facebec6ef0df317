import { describe, expect, it } from '@jest/globals';
import { DeadlineQueue } from './deadline-queue.js';

describe('a queue of deadlines', () => {
  it('hands out what is due, earliest first, and keeps the rest', () => {
    const queue = new DeadlineQueue<string>();
    for (const [at, key] of [[30, 'c3'], [10, 'c1'], [50, 'c5'], [20, 'c2'], [40, 'c4']] as const) queue.add(at, key);
    expect(queue.takeDue(30)).toEqual(['c1', 'c2', 'c3']);
    expect(queue.next()).toBe(40);
    expect(queue.takeDue(39)).toEqual([]);
    expect(queue.takeDue(100)).toEqual(['c4', 'c5']);
    expect(queue.size).toBe(0);
    expect(queue.next()).toBeUndefined();
  });

  it('orders many deadlines as a sort would', () => {
    const queue = new DeadlineQueue<number>();
    const deadlines = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1009);
    deadlines.forEach((at, i) => queue.add(at, i));
    const taken = queue.takeDue(Infinity).map((i) => deadlines[i]);
    expect(taken).toEqual([...deadlines].sort((a, b) => a - b));
  });
});
