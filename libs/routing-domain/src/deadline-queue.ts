/**
 * Keys by deadline (ms since the epoch), earliest first: a binary min-heap,
 * so adding one and taking those due cost O(log n) each, whatever how many
 * wait. Routing keeps every offer's expiry and every grace in one, so a
 * deadline passing costs that deadline's work, not a scan of every offer.
 * A key may be in it more than once (a newer deadline for the same
 * conversation); whoever takes it checks what is due now.
 */
export class DeadlineQueue<Key> {
  private readonly deadlines: number[] = [];
  private readonly keys: Key[] = [];

  get size(): number {
    return this.deadlines.length;
  }

  /** The earliest deadline, if any. */
  next(): number | undefined {
    return this.deadlines[0];
  }

  add(deadline: number, key: Key): void {
    this.deadlines.push(deadline);
    this.keys.push(key);
    this.up(this.deadlines.length - 1);
  }

  /** Takes out every key whose deadline is at or before `at`, earliest first. */
  takeDue(at: number): Key[] {
    const due: Key[] = [];
    while (this.deadlines.length > 0 && this.deadlines[0] <= at) due.push(this.takeFirst());
    return due;
  }

  private takeFirst(): Key {
    const first = this.keys[0];
    const lastDeadline = this.deadlines.pop()!;
    const lastKey = this.keys.pop()!;
    if (this.deadlines.length > 0) {
      this.deadlines[0] = lastDeadline;
      this.keys[0] = lastKey;
      this.down(0);
    }
    return first;
  }

  private up(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.deadlines[parent] <= this.deadlines[index]) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private down(index: number): void {
    const length = this.deadlines.length;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < length && this.deadlines[left] < this.deadlines[smallest]) smallest = left;
      if (right < length && this.deadlines[right] < this.deadlines[smallest]) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.deadlines[a], this.deadlines[b]] = [this.deadlines[b], this.deadlines[a]];
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
  }
}
