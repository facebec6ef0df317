/** Something the simulation itself made due: a conversation's stretch ends, or its customer stops waiting. */
export interface Due {
  readonly at: number;
  /** The log place of the recorded event it stands for, so same-millisecond ties fall as they did in the log. */
  readonly seq: number;
  readonly kind: 'ends' | 'gives-up';
  readonly conversation: number;
  readonly segment: number;
}

/** Earlier first; in the same millisecond, lower log place first. */
export const isBefore = (a: { at: number; seq: number }, b: { at: number; seq: number }): boolean =>
  a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** A binary min-heap of what is due, ordered by `isBefore`. */
export class DueHeap {
  private readonly items: Due[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Due | undefined {
    return this.items[0];
  }

  push(item: Due): void {
    const items = this.items;
    let index = items.push(item) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!isBefore(item, items[parent])) break;
      items[index] = items[parent];
      index = parent;
    }
    items[index] = item;
  }

  pop(): Due | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && isBefore(items[right], items[left]) ? right : left;
      if (!isBefore(items[child], last)) break;
      items[index] = items[child];
      index = child;
    }
    items[index] = last;
    return top;
  }
}
