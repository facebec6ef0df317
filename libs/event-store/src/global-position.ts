/**
 * A place in the store's global order. EventStoreDB positions are pairs of
 * byte offsets (commit, prepare); SQLite uses its row sequence for both.
 * Positions are ordered, never contiguous: compare them, never do arithmetic.
 */
export interface GlobalPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const comparePositions = (a: GlobalPosition, b: GlobalPosition): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare > 0n) - Number(a.prepare - b.prepare < 0n)
    : a.commit > b.commit ? 1 : -1;

export const isAfter = (a: GlobalPosition, b: GlobalPosition | undefined): boolean =>
  b === undefined || comparePositions(a, b) > 0;

/** Text form used in checkpoints, SSE ids and bus messages: `commit/prepare`. */
export const formatPosition = (p: GlobalPosition): string => `${p.commit}/${p.prepare}`;

const POSITION_TEXT = /^(\d{1,20})\/(\d{1,20})$/;

/** Returns undefined for text that is not a position. */
export const parsePosition = (text: string): GlobalPosition | undefined => {
  const match = POSITION_TEXT.exec(text.trim());
  return match ? { commit: BigInt(match[1]), prepare: BigInt(match[2]) } : undefined;
};

/** One bigint for both halves: positions are immutable, and a replay makes one per event. */
export const positionOf = (sequence: number | bigint): GlobalPosition => {
  const value = BigInt(sequence);
  return { commit: value, prepare: value };
};
