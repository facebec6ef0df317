import { NONE, SlotLists } from './slot-lists.js';

/**
 * The agents of one team, and which of them are eligible, grouped by how many
 * conversations each has open. Within a group, list order is the order in
 * which agents reached that load, so the first one is the one idle longest
 * at it. Each member has a small integer slot (given by `join`), so that
 * placing, removing and picking are O(1) list operations with no hashing and
 * no allocation; picking is O(number of load levels), independent of the
 * team's size. Two more orders serve the other policies: the eligible members
 * by how long each has waited for work (longest-idle), and the team's
 * rotation in slot order (round-robin).
 */
export class TeamRoster {
  /** One list per load: list `n` holds the eligible members with `n` conversations open. */
  private readonly byLoad = new SlotLists();
  /**
   * Per slot, a stamp of when the member last took on work or became
   * eligible (a count of such placements, not a time): longest-idle picks the
   * lowest. A stamp costs least-loaded's hot path one store; a second linked
   * list cost it a tenth of a decision.
   */
  private idleSince = new Float64Array(16);
  private placements = 0;
  /** The slot the rotation last gave a conversation to; the next turn starts after it. */
  private lastTurn = NONE;
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
    if (slot >= this.idleSince.length) {
      const grown = new Float64Array(Math.max(slot + 1, this.idleSince.length * 2));
      grown.set(this.idleSince);
      this.idleSince = grown;
    }
    return slot;
  }

  /** The member of `slot` left the team: its slot may go to someone else. */
  leave(slot: number): void {
    this.remove(slot);
    this.freeSlots.push(slot);
  }

  /**
   * Makes the member eligible at `load`, at the back of that group when the
   * load changed. A member who took on work, or just became eligible, is
   * stamped idle from now; one who finished some keeps its stamp.
   */
  place(slot: number, load: number): void {
    const current = this.byLoad.listOf(slot);
    if (current === load) return;
    this.byLoad.append(load, slot);
    if (current === NONE || load > current) this.idleSince[slot] = ++this.placements;
  }

  /** Makes the member ineligible. */
  remove(slot: number): void {
    this.byLoad.unlink(slot);
  }

  /** The member of `slot` was given a conversation of this team: the rotation moves on past it. */
  tookTurn(slot: number): void {
    this.lastTurn = slot;
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

  /** The eligible agent who has waited longest for work, whatever its load, skipping `excluded`. O(team size). */
  longestIdle(excluded?: ReadonlySet<string>): string | undefined {
    let best = NONE;
    for (let slot = 0; slot < this.agentIdOf.length; slot++) {
      if (this.byLoad.listOf(slot) === NONE || (best !== NONE && this.idleSince[slot] >= this.idleSince[best])) continue;
      if (!excluded?.has(this.agentIdOf[slot])) best = slot;
    }
    return best === NONE ? undefined : this.agentIdOf[best];
  }

  /**
   * The next eligible member in the rotation after the one last served, in
   * slot order and wrapping round, skipping `excluded`. O(team size) at worst,
   * when most members are ineligible.
   */
  nextInTurn(excluded?: ReadonlySet<string>): string | undefined {
    const members = this.agentIdOf.length;
    for (let step = 1; step <= members; step++) {
      const slot = (this.lastTurn + step) % members;
      if (this.byLoad.listOf(slot) === NONE) continue;
      const agentId = this.agentIdOf[slot];
      if (!excluded?.has(agentId)) return agentId;
    }
    return undefined;
  }
}
