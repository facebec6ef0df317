/** Index of the first element of the ascending `values` that is >= `at` (values.length if none). */
const lowerBound = (values: readonly number[], at: number): number => {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < at) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * The times a condition held (the agent was away for lunch, had an open
 * conversation...) as sorted, disjoint half-open intervals, plus the one
 * still open. Kept with running totals so the time it held within any
 * range is two binary searches, however long the history.
 */
export class IntervalSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** totalThrough[i]: summed length of intervals 0..i. */
  private readonly totalThrough: number[] = [];
  private openSince: number | undefined;

  get isOpen(): boolean {
    return this.openSince !== undefined;
  }

  /** The condition starts to hold at `at` (no-op while it holds). */
  open(at: number): void {
    this.openSince ??= at;
  }

  /** The condition stops holding at `at` (no-op while it does not); times never go backwards. */
  close(at: number): void {
    if (this.openSince === undefined) return;
    const start = this.openSince;
    this.openSince = undefined;
    if (at <= start) return;
    const last = this.ends.length - 1;
    if (last >= 0 && this.ends[last] === start) {
      // Contiguous with the previous interval (closed and reopened at the same instant): extend it.
      this.ends[last] = at;
      this.totalThrough[last] += at - start;
      return;
    }
    this.starts.push(start);
    this.ends.push(at);
    this.totalThrough.push((last >= 0 ? this.totalThrough[last] : 0) + at - start);
  }

  /** How long the condition held within [from, to), counting the open interval as running on. */
  measure(from: number, to: number): number {
    return to <= from ? 0 : this.heldBefore(to) - this.heldBefore(from);
  }

  /** How long the condition held before `at`. */
  private heldBefore(at: number): number {
    const startedBefore = lowerBound(this.starts, at);
    let held = 0;
    if (startedBefore > 0) {
      const last = startedBefore - 1;
      held = (last > 0 ? this.totalThrough[last - 1] : 0) + Math.min(this.ends[last], at) - this.starts[last];
    }
    if (this.openSince !== undefined && at > this.openSince) held += at - this.openSince;
    return held;
  }
}

/** Instants something happened (an assignment, an override), counted per range by binary search. */
export class TimeMarks {
  private readonly times: number[] = [];

  add(at: number): void {
    const last = this.times.length - 1;
    if (last < 0 || this.times[last] <= at) this.times.push(at);
    else this.times.splice(lowerBound(this.times, at + 1), 0, at); // a late-arriving instant keeps the order
  }

  /** How many fall within [from, to). */
  countIn(from: number, to: number): number {
    return to <= from ? 0 : lowerBound(this.times, to) - lowerBound(this.times, from);
  }
}
