import type { StreamHead } from './stream-head.js';

/** Default bound: streams whose state a runner keeps in memory. */
export const DEFAULT_CACHE_CAPACITY = 10_000;

/**
 * The newest states of the most recently used streams, bounded by count
 * (least recently used goes first). A hint, never the truth: another
 * process may have appended since, so a decision taken on a cached head is
 * either guarded by the expected revision of its append or checked by
 * reading forward from the cached revision before it is answered.
 */
export class StreamStateCache<State> {
  private readonly heads = new Map<string, StreamHead<State>>();

  constructor(readonly capacity: number = DEFAULT_CACHE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`cache capacity must be an integer >= 0, not ${capacity}`);
  }

  get size(): number {
    return this.heads.size;
  }

  get(streamId: string): StreamHead<State> | undefined {
    const head = this.heads.get(streamId);
    if (head === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the stream most recently used.
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    return head;
  }

  /** Keeps the newer of the cached head and `head`: concurrent commands may finish out of order. */
  offer(streamId: string, head: StreamHead<State>): void {
    if (this.capacity === 0) return;
    const known = this.heads.get(streamId);
    if (known !== undefined && known.revision > head.revision) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}
