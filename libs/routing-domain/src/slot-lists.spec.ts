import { describe, expect, it } from '@jest/globals';
import { NONE, SlotLists } from './slot-lists.js';

/** The slots of `list`, head to tail, walked forwards. */
const contents = (lists: SlotLists, list: number): number[] => {
  const slots: number[] = [];
  for (let slot = lists.head(list); slot !== NONE; slot = lists.after(slot)) slots.push(slot);
  return slots;
};

const given = (appends: Array<[list: number, slot: number]>) => {
  const lists = new SlotLists();
  for (const [list, slot] of appends) lists.append(list, slot);
  return lists;
};

describe('slot lists', () => {
  it('keep each list in the order slots were appended', () => {
    const lists = given([[0, 3], [1, 7], [0, 1], [0, 2]]);
    expect(contents(lists, 0)).toEqual([3, 1, 2]);
    expect(contents(lists, 1)).toEqual([7]);
    expect(lists.size).toBe(4);
  });

  it('unlink a slot from the head, the middle or the tail', () => {
    const lists = given([[0, 1], [0, 2], [0, 3], [0, 4]]);
    lists.unlink(2);
    expect(contents(lists, 0)).toEqual([1, 3, 4]);
    lists.unlink(1);
    expect(contents(lists, 0)).toEqual([3, 4]);
    lists.unlink(4);
    expect(contents(lists, 0)).toEqual([3]);
    lists.unlink(3);
    expect(contents(lists, 0)).toEqual([]);
    expect(lists.size).toBe(0);
  });

  it('append after an unlink at the tail of the list', () => {
    const lists = given([[0, 1], [0, 2]]);
    lists.unlink(2);
    lists.append(0, 5);
    expect(contents(lists, 0)).toEqual([1, 5]);
  });

  it('move a slot to the back of another list when it is appended there', () => {
    const lists = given([[0, 1], [0, 2], [1, 3]]);
    lists.append(1, 1);
    expect(contents(lists, 0)).toEqual([2]);
    expect(contents(lists, 1)).toEqual([3, 1]);
    expect(lists.listOf(1)).toBe(1);
    expect(lists.size).toBe(3);
  });

  it('move a slot to the back of its own list when it is appended there again', () => {
    const lists = given([[0, 1], [0, 2], [0, 3]]);
    lists.append(0, 1);
    expect(contents(lists, 0)).toEqual([2, 3, 1]);
  });

  it('know a slot that was never appended, or was unlinked, as in no list', () => {
    const lists = given([[0, 1]]);
    expect(lists.listOf(0)).toBe(NONE);
    expect(lists.listOf(1_000)).toBe(NONE);
    lists.unlink(1);
    lists.unlink(1);
    lists.unlink(1_000);
    expect(lists.listOf(1)).toBe(NONE);
    expect(lists.size).toBe(0);
  });

  it('grow past their first arrays without losing links', () => {
    const lists = new SlotLists();
    for (let slot = 0; slot < 1_000; slot++) lists.append(slot % 3, slot);
    lists.append(9, 5_000);
    expect(contents(lists, 0)).toEqual(Array.from({ length: 334 }, (_, index) => index * 3));
    expect(contents(lists, 9)).toEqual([5_000]);
    expect(lists.head(8)).toBe(NONE);
    expect(lists.head(10)).toBe(NONE);
    expect(lists.listCount).toBe(10);
  });
});
