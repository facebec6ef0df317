/** How many conversations wait, in all and per team, and the most that ever did. */
export class QueueLengths {
  private total = 0;
  private most = 0;
  private readonly byTeam = new Map<string, { now: number; most: number }>();

  get max(): number {
    return this.most;
  }

  joined(team: string): void {
    let entry = this.byTeam.get(team);
    if (!entry) { entry = { now: 0, most: 0 }; this.byTeam.set(team, entry); }
    entry.now++;
    if (entry.now > entry.most) entry.most = entry.now;
    this.total++;
    if (this.total > this.most) this.most = this.total;
  }

  left(team: string): void {
    const entry = this.byTeam.get(team);
    if (entry) entry.now--;
    this.total--;
  }

  maxByTeam(): Record<string, number> {
    return Object.fromEntries([...this.byTeam].map(([team, { most }]) => [team, most]));
  }
}
