/** Marks "no slot" and "in no list". */
export const NONE = -1;

/**
 * Many doubly-linked lists threaded through one pool of numbered slots, the
 * links kept in typed arrays. A slot is in at most one list at a time.
 * Appending, unlinking and reading a list's head are O(1) and allocate
 * nothing (the arrays grow by doubling), which is why TeamRoster keeps its
 * load groups here rather than in Maps: moving an agent between loads on
 * every assignment was the routing view's main cost.
 */
export class SlotLists {
  private next: Int32Array = new Int32Array(0);
  private prev: Int32Array = new Int32Array(0);
  private listOfSlot: Int32Array = new Int32Array(0);
  private heads: Int32Array = new Int32Array(0);
  private tails: Int32Array = new Int32Array(0);
  private linked = 0;

  /** Slots currently in some list. */
  get size(): number {
    return this.linked;
  }

  /** Lists that exist (0 .. listCount - 1); a list exists once something was appended to it or a higher one. */
  get listCount(): number {
    return this.heads.length;
  }

  /** The list `slot` is in, or NONE. */
  listOf(slot: number): number {
    return slot < this.listOfSlot.length ? this.listOfSlot[slot] : NONE;
  }

  head(list: number): number {
    return list < this.heads.length ? this.heads[list] : NONE;
  }

  /** The slot after `slot` in its list, or NONE at the tail. */
  after(slot: number): number {
    return this.next[slot];
  }

  /** Puts `slot` at the tail of `list`, first unlinking it from wherever it was. */
  append(list: number, slot: number): void {
    this.ensureSlot(slot);
    this.ensureList(list);
    this.unlink(slot);
    const tail = this.tails[list];
    this.prev[slot] = tail;
    this.next[slot] = NONE;
    if (tail === NONE) this.heads[list] = slot;
    else this.next[tail] = slot;
    this.tails[list] = slot;
    this.listOfSlot[slot] = list;
    this.linked++;
  }

  /** Takes `slot` out of its list; does nothing when it is in none. */
  unlink(slot: number): void {
    const list = this.listOf(slot);
    if (list === NONE) return;
    const before = this.prev[slot];
    const after = this.next[slot];
    if (before === NONE) this.heads[list] = after;
    else this.next[before] = after;
    if (after === NONE) this.tails[list] = before;
    else this.prev[after] = before;
    this.listOfSlot[slot] = NONE;
    this.linked--;
  }

  private ensureSlot(slot: number): void {
    if (slot < this.next.length) return;
    const length = Math.max(16, this.next.length * 2, slot + 1);
    this.next = grown(this.next, length);
    this.prev = grown(this.prev, length);
    this.listOfSlot = grown(this.listOfSlot, length);
  }

  private ensureList(list: number): void {
    if (list < this.heads.length) return;
    const length = list + 1;
    this.heads = grown(this.heads, length);
    this.tails = grown(this.tails, length);
  }
}

/** A copy of `array` of `length`, the new entries NONE. */
const grown = (array: Int32Array, length: number): Int32Array => {
  const copy = new Int32Array(length).fill(NONE);
  copy.set(array);
  return copy;
};
