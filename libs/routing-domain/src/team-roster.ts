import { NONE, SlotLists } from './slot-lists.js';

/**
 * The agents of one team, and which of them are eligible, grouped by how many
 * conversations each has open. Within a group, list order is the order in
 * which agents reached that load, so the first one is the one idle longest
 * at it. Each member has a small integer slot (given by `join`), so that
 * placing, removing and picking are O(1) list operations with no hashing and
 * no allocation; picking is O(number of load levels), independent of the
 * team's size.
 */
export class TeamRoster {
  /** One list per load: list `n` holds the eligible members with `n` conversations open. */
  private readonly byLoad = new SlotLists();
  private readonly agentIdOf: string[] = [];
  /** Slots of members who left, to reuse so the arrays stay as small as the team. */
  private readonly freeSlots: number[] = [];

  /** Eligible members. */
  get size(): number {
    return this.byLoad.size;
  }

  /** Makes the agent a member; not eligible until placed. Returns its slot. */
  join(agentId: string): number {
    const slot = this.freeSlots.pop() ?? this.agentIdOf.length;
    this.agentIdOf[slot] = agentId;
    return slot;
  }

  /** The member of `slot` left the team: its slot may go to someone else. */
  leave(slot: number): void {
    this.byLoad.unlink(slot);
    this.freeSlots.push(slot);
  }

  /** Makes the member eligible at `load`, at the back of that group when the load changed. */
  place(slot: number, load: number): void {
    if (this.byLoad.listOf(slot) !== load) this.byLoad.append(load, slot);
  }

  /** Makes the member ineligible. */
  remove(slot: number): void {
    this.byLoad.unlink(slot);
  }

  isEligible(slot: number): boolean {
    return this.byLoad.listOf(slot) !== NONE;
  }

  /** The least loaded eligible agent, idle longest among equals, skipping `excluded`. */
  first(excluded?: ReadonlySet<string>): string | undefined {
    for (let load = 0; load < this.byLoad.listCount; load++) {
      for (let slot = this.byLoad.head(load); slot !== NONE; slot = this.byLoad.after(slot)) {
        const agentId = this.agentIdOf[slot];
        if (!excluded?.has(agentId)) return agentId;
      }
    }
    return undefined;
  }
}
