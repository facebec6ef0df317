import { describe, expect, it } from '@jest/globals';
import { FixedWindowLimiter } from './fixed-window-limiter.js';

describe('a fixed one-minute window per key', () => {
  it('allows the limit, refuses the next hit with the seconds left in the window', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    now = 20_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('counts each key on its own', () => {
    const limiter = new FixedWindowLimiter(1, () => 0);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('b').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(false);
  });

  it('answers whether one more hit would pass without counting it', () => {
    const limiter = new FixedWindowLimiter(2, () => 0);
    limiter.hit('a');
    expect(limiter.check('a').allowed).toBe(true);
    expect(limiter.check('a').allowed).toBe(true);
    limiter.hit('a');
    expect(limiter.check('a').allowed).toBe(false);
  });

  it('starts a fresh window a minute later', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1, () => now);
    limiter.hit('a');
    expect(limiter.hit('a').allowed).toBe(false);
    now = 60_000;
    expect(limiter.hit('a').allowed).toBe(true);
  });
});
