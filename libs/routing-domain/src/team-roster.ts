/**
 * The eligible agents of one team, grouped by how many conversations each
 * has open. Within a group, insertion order is the order in which agents
 * reached that load, so the first one is the one idle longest at it.
 * Picking is O(number of load levels), independent of the team's size.
 */
export class TeamRoster {
  private readonly byLoad: Map<string, true>[] = [];
  private readonly loadOf = new Map<string, number>();

  get size(): number {
    return this.loadOf.size;
  }

  has(agentId: string): boolean {
    return this.loadOf.has(agentId);
  }

  /** Adds, or moves the agent to `load` (at the back of that group when the load changed). */
  place(agentId: string, load: number): void {
    const current = this.loadOf.get(agentId);
    if (current === load) return;
    if (current !== undefined) this.byLoad[current].delete(agentId);
    (this.byLoad[load] ??= new Map()).set(agentId, true);
    this.loadOf.set(agentId, load);
  }

  remove(agentId: string): void {
    const current = this.loadOf.get(agentId);
    if (current === undefined) return;
    this.byLoad[current].delete(agentId);
    this.loadOf.delete(agentId);
  }

  /** The least loaded agent, idle longest among equals, skipping `excluded`. */
  first(excluded?: ReadonlySet<string>): string | undefined {
    for (const group of this.byLoad) {
      if (!group || group.size === 0) continue;
      for (const agentId of group.keys()) if (!excluded?.has(agentId)) return agentId;
    }
    return undefined;
  }
}
