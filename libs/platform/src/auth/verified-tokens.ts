import type { Caller } from './caller.js';

/** Re-verify at least this often, so a rotated JWKS key or a changed secret takes effect. */
const MAX_AGE_MS = 5 * 60_000;

interface Verified {
  readonly caller: Caller;
  readonly validUntil: number;
}

/**
 * Tokens verified lately, so a client sending the same token on every
 * request pays the signature check once, not per request (it was the
 * largest single cost of a status command in the profile). Bounded: the
 * oldest entry goes when the table is full. An entry is used only until the
 * token expires (plus the clock tolerance jose grants) and for at most five
 * minutes; a JWT cannot be revoked before its expiry anyway.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly capacity = 10_000,
    private readonly toleranceMs = 0,
    private readonly clock: () => number = Date.now,
  ) {}

  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.clock() >= entry.validUntil) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.caller;
  }

  remember(token: string, caller: Caller): void {
    const now = this.clock();
    const expiry = caller.expiresAt === undefined ? Infinity : caller.expiresAt + this.toleranceMs;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { caller, validUntil: Math.min(expiry, now + MAX_AGE_MS) });
  }

  get size(): number {
    return this.entries.size;
  }
}
