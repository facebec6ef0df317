export interface QueuedConversation {
  readonly conversationId: string;
  readonly team: string;
  readonly priority: number;
  readonly queuedAt: string;
}

/**
 * Conversations waiting in one team: highest priority first, then oldest
 * first (insertion order, which is log order, so a rebuilt queue is the same).
 */
export class TeamQueue {
  private readonly byPriority = new Map<number, Map<string, QueuedConversation>>();
  private priorities: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(conversation: QueuedConversation): void {
    let group = this.byPriority.get(conversation.priority);
    if (!group) {
      group = new Map();
      this.byPriority.set(conversation.priority, group);
      this.priorities = [...this.priorities, conversation.priority].sort((a, b) => b - a);
    }
    if (!group.has(conversation.conversationId)) this.count++;
    group.set(conversation.conversationId, conversation);
  }

  remove(conversationId: string, priority: number): boolean {
    const removed = this.byPriority.get(priority)?.delete(conversationId) ?? false;
    if (removed) this.count--;
    return removed;
  }

  head(): QueuedConversation | undefined {
    for (const priority of this.priorities) {
      const group = this.byPriority.get(priority)!;
      for (const conversation of group.values()) return conversation;
    }
    return undefined;
  }

  /** 1-based place in the queue, or undefined when it is not queued here. */
  positionOf(conversationId: string, priority: number): number | undefined {
    let ahead = 0;
    for (const p of this.priorities) {
      const group = this.byPriority.get(p)!;
      if (p !== priority) { ahead += group.size; continue; }
      let index = 0;
      for (const id of group.keys()) {
        index++;
        if (id === conversationId) return ahead + index;
      }
      return undefined;
    }
    return undefined;
  }

  list(): QueuedConversation[] {
    return this.priorities.flatMap((p) => [...this.byPriority.get(p)!.values()]);
  }
}
