/**
 * JSON text with object keys sorted (UTF-16 code unit order) and no
 * whitespace, so the same value always gives the same bytes whatever order
 * its keys were written in. Mirrors JSON.stringify in everything else
 * (toJSON, undefined members dropped, undefined in arrays as null,
 * non-finite numbers as null), because the stores keep what JSON.stringify
 * wrote: a value hashed before it was stored hashes the same after it is read.
 */
export const canonicalJson = (value: unknown): string => {
  const text = canonical(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
};

const canonical = (value: unknown): string | undefined => {
  const json = toJsonValue(value);
  if (json === null) return 'null';
  const kind = typeof json;
  if (kind === 'string' || kind === 'number' || kind === 'boolean') return JSON.stringify(json);
  if (kind === 'bigint') throw new TypeError('canonicalJson: a bigint has no JSON form');
  if (kind !== 'object') return undefined; // undefined, functions and symbols, as JSON.stringify leaves them out
  return Array.isArray(json) ? canonicalArray(json) : canonicalObject(json as Record<string, unknown>);
};

const toJsonValue = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON()
    : value;

const canonicalArray = (items: readonly unknown[]): string => {
  let text = '[';
  for (let i = 0; i < items.length; i++) text += `${i > 0 ? ',' : ''}${canonical(items[i]) ?? 'null'}`;
  return `${text}]`;
};

const canonicalObject = (object: Record<string, unknown>): string => {
  const keys = Object.keys(object).sort();
  let text = '{';
  for (const key of keys) {
    const member = canonical(object[key]);
    if (member !== undefined) text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${member}`;
  }
  return `${text}}`;
};
