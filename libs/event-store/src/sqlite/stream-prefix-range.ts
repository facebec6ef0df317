/**
 * A stream-id prefix as a half-open range [from, to) so that SQLite can
 * answer it from an index. SQLite compares TEXT with memcmp over UTF-8, and
 * UTF-8 byte order is code point order, so "starts with P" is exactly
 * P <= id < P' where P' is P with its last code point incremented.
 */
export interface StreamPrefixRange {
  readonly from: string;
  /** undefined when no string is greater than every id with this prefix. */
  readonly to: string | undefined;
}

const MAX_CODE_POINT = 0x10ffff;
const FIRST_SURROGATE = 0xd800;
const AFTER_SURROGATES = 0xe000;

const successorOf = (codePoint: number): number =>
  codePoint + 1 === FIRST_SURROGATE ? AFTER_SURROGATES : codePoint + 1;

const upperBound = (prefix: string): string | undefined => {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) as number);
  while (codePoints.length > 0) {
    const last = codePoints.pop() as number;
    if (last < MAX_CODE_POINT) return String.fromCodePoint(...codePoints, successorOf(last));
  }
  return undefined;
};

export const streamPrefixRange = (prefix: string): StreamPrefixRange => ({ from: prefix, to: upperBound(prefix) });

/** No prefixes, or an empty one among them, match every stream: no filter at all. */
export const matchesEveryStream = (prefixes: readonly string[] | undefined): boolean =>
  prefixes === undefined || prefixes.length === 0 || prefixes.includes('');
