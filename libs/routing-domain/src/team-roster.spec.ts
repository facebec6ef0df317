import { describe, expect, it } from '@jest/globals';
import { TeamRoster } from './team-roster.js';

/** A roster whose members joined in the order given, each placed at its load (undefined: not eligible). */
const given = (members: Array<[agentId: string, load: number | undefined]>) => {
  const roster = new TeamRoster();
  const slots = new Map<string, number>();
  for (const [agentId, load] of members) {
    const slot = roster.join(agentId);
    slots.set(agentId, slot);
    if (load !== undefined) roster.place(slot, load);
  }
  return { roster, slot: (agentId: string) => slots.get(agentId)! };
};

describe('a team roster', () => {
  it('offers nobody when no member is eligible', () => {
    const { roster } = given([['a1', undefined]]);
    expect(roster.first()).toBeUndefined();
    expect(roster.size).toBe(0);
  });

  it('offers the least loaded member first', () => {
    const { roster } = given([['a1', 2], ['a2', 1], ['a3', 1]]);
    expect(roster.first()).toBe('a2');
    expect(roster.size).toBe(3);
  });

  it('offers, among equally loaded members, the one who reached that load first', () => {
    const { roster, slot } = given([['a1', 0], ['a2', 0]]);
    roster.place(slot('a1'), 1);
    roster.place(slot('a1'), 0);
    expect(roster.first()).toBe('a2');
  });

  it('keeps a member its place when placed again at the same load', () => {
    const { roster, slot } = given([['a1', 0], ['a2', 0]]);
    roster.place(slot('a1'), 0);
    expect(roster.first()).toBe('a1');
  });

  it('puts a member made eligible again at the back of its load', () => {
    const { roster, slot } = given([['a1', 0], ['a2', 0]]);
    roster.remove(slot('a1'));
    expect(roster.isEligible(slot('a1'))).toBe(false);
    expect(roster.first()).toBe('a2');
    roster.remove(slot('a2'));
    roster.place(slot('a1'), 0);
    roster.place(slot('a2'), 0);
    expect(roster.first()).toBe('a1');
  });

  it('skips excluded members, then falls back to a higher load', () => {
    const { roster } = given([['a1', 0], ['a2', 0], ['a3', 1]]);
    expect(roster.first(new Set(['a1']))).toBe('a2');
    expect(roster.first(new Set(['a1', 'a2']))).toBe('a3');
    expect(roster.first(new Set(['a1', 'a2', 'a3']))).toBeUndefined();
  });

  it('forgets a member who left and gives the slot to the next one who joins', () => {
    const { roster, slot } = given([['a1', 0], ['a2', 1]]);
    const freed = slot('a1');
    roster.leave(freed);
    expect(roster.first()).toBe('a2');
    expect(roster.join('a3')).toBe(freed);
    expect(roster.isEligible(freed)).toBe(false);
    roster.place(freed, 0);
    expect(roster.first()).toBe('a3');
  });
});
