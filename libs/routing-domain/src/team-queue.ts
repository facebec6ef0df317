export interface QueuedConversation {
  readonly conversationId: string;
  readonly team: string;
  readonly priority: number;
  readonly queuedAt: string;
}

/**
 * Conversations waiting in one team: highest priority first, then oldest
 * queue time first, then arrival (log order, so a rebuilt queue is the same).
 * A conversation back from an offer or re-queued from an absent agent keeps
 * its queue time, so it goes back ahead of newer ones. Each priority keeps an
 * array sorted by queue time: a new arrival is pushed at the tail, taking
 * the head shifts, and only a returning one is inserted by binary search.
 */
export class TeamQueue {
  private readonly byPriority = new Map<number, QueuedConversation[]>();
  private readonly entries = new Map<string, QueuedConversation>();
  private priorities: number[] = [];

  get size(): number {
    return this.entries.size;
  }

  add(conversation: QueuedConversation): void {
    const existing = this.entries.get(conversation.conversationId);
    if (existing) this.remove(existing.conversationId, existing.priority);
    let group = this.byPriority.get(conversation.priority);
    if (!group) {
      group = [];
      this.byPriority.set(conversation.priority, group);
      this.priorities = [...this.priorities, conversation.priority].sort((a, b) => b - a);
    }
    group.splice(afterLast(group, conversation.queuedAt), 0, conversation);
    this.entries.set(conversation.conversationId, conversation);
  }

  remove(conversationId: string, priority: number): boolean {
    const entry = this.entries.get(conversationId);
    const group = this.byPriority.get(priority);
    if (!entry || entry.priority !== priority || !group) return false;
    const index = indexIn(group, entry);
    if (index === 0) group.shift();
    else group.splice(index, 1);
    this.entries.delete(conversationId);
    return true;
  }

  head(): QueuedConversation | undefined {
    for (const priority of this.priorities) {
      const first = this.byPriority.get(priority)![0];
      if (first) return first;
    }
    return undefined;
  }

  /** 1-based place in the queue, or undefined when it is not queued here. */
  positionOf(conversationId: string, priority: number): number | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry || entry.priority !== priority) return undefined;
    let ahead = 0;
    for (const p of this.priorities) {
      const group = this.byPriority.get(p)!;
      if (p === priority) return ahead + indexIn(group, entry) + 1;
      ahead += group.length;
    }
    return undefined;
  }

  list(): QueuedConversation[] {
    return this.priorities.flatMap((p) => this.byPriority.get(p)!);
  }
}

/** Where a conversation queued at `queuedAt` goes: after every one queued at or before it (ISO-8601 UTC sorts as text). */
const afterLast = (group: readonly QueuedConversation[], queuedAt: string): number => {
  const last = group.length - 1;
  if (last < 0 || group[last].queuedAt <= queuedAt) return group.length;
  let low = 0;
  let high = last;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (group[middle].queuedAt <= queuedAt) low = middle + 1;
    else high = middle;
  }
  return low;
};

/** The entry's index: the first at its queue time by binary search, then along those queued at the same instant. */
const indexIn = (group: readonly QueuedConversation[], entry: QueuedConversation): number => {
  if (group[0] === entry) return 0;
  let low = 0;
  let high = group.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (group[middle].queuedAt < entry.queuedAt) low = middle + 1;
    else high = middle;
  }
  while (low < group.length && group[low] !== entry) low++;
  return low;
};
