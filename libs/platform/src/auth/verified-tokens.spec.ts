import { describe, expect, it } from '@jest/globals';
import type { Caller } from './caller.js';
import { VerifiedTokens } from './verified-tokens.js';

const caller = (expiresAt?: number): Caller => ({ id: 'ada', role: 'agent', teams: ['sales'], expiresAt });

describe('tokens verified lately', () => {
  it('answers a token verified before with its caller', () => {
    const tokens = new VerifiedTokens(10, 0, () => 0);
    tokens.remember('t1', caller(60_000));
    expect(tokens.get('t1')).toEqual(caller(60_000));
    expect(tokens.get('t2')).toBeUndefined();
  });

  it('forgets a token once it expires, allowing the clock tolerance', () => {
    let now = 0;
    const tokens = new VerifiedTokens(10, 30_000, () => now);
    tokens.remember('t1', caller(60_000));
    now = 89_999;
    expect(tokens.get('t1')).toBeDefined();
    now = 90_000;
    expect(tokens.get('t1')).toBeUndefined();
  });

  it('verifies again after five minutes, so a rotated key takes effect', () => {
    let now = 0;
    const tokens = new VerifiedTokens(10, 0, () => now);
    tokens.remember('t1', caller(24 * 3600_000));
    now = 5 * 60_000;
    expect(tokens.get('t1')).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const tokens = new VerifiedTokens(2, 0, () => 0);
    tokens.remember('t1', caller(60_000));
    tokens.remember('t2', caller(60_000));
    tokens.remember('t3', caller(60_000));
    expect(tokens.size).toBe(2);
    expect(tokens.get('t1')).toBeUndefined();
    expect(tokens.get('t3')).toBeDefined();
  });
});
