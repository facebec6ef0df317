import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

describe('canonical JSON', () => {
  it('writes the same text whatever order the keys were written in', () =>
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 })));

  it('sorts keys and leaves out whitespace', () =>
    expect(canonicalJson({ b: true, a: 'é', A: [2.5, -0] })).toBe('{"A":[2.5,0],"a":"é","b":true}'));

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () =>
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}'));

  it('writes a date as the text JSON.stringify stores for it', () =>
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00.000Z') })).toBe('{"at":"2026-01-01T00:00:00.000Z"}'));

  it('refuses a bigint rather than hash something the store cannot hold', () =>
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError));

  it('gives a value and the value read back from its stored JSON the same text', () =>
    fc.assert(fc.property(fc.jsonValue(), fc.anything({ withObjectString: true }), (json, anything) => {
      expect(canonicalJson(JSON.parse(JSON.stringify(json)))).toBe(canonicalJson(json));
      const stored = JSON.stringify({ anything });
      if (stored !== undefined) expect(canonicalJson(JSON.parse(stored))).toBe(canonicalJson({ anything }));
    })));
});
