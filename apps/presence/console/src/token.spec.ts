import { callerOfToken } from './token.js';

const segment = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const tokenWith = (claims: unknown) => `${segment({ alg: 'HS256' })}.${segment(claims)}.signature`;
const NOW = Date.parse('2026-03-01T10:00:00Z');

describe('signing in with a token', () => {
  it('reads the caller, role, teams and expiry from the claims', () => {
    const caller = callerOfToken(tokenWith({ sub: 'ada', role: 'agent', teams: ['sales'], exp: NOW / 1000 + 60 }), NOW);
    expect(caller).toEqual({ token: expect.any(String), id: 'ada', role: 'agent', teams: ['sales'], expiresAt: NOW + 60_000 });
  });

  it('accepts a pasted "Bearer " prefix and surrounding spaces', () => {
    const caller = callerOfToken(`  Bearer ${tokenWith({ sub: 'sup-1', role: 'supervisor', teams: ['sales'] })}\n`, NOW);
    expect(caller).toMatchObject({ id: 'sup-1', role: 'supervisor' });
  });

  it('explains what is wrong with text that is not a token', () => {
    expect(callerOfToken('hello', NOW)).toMatch(/three parts/);
    expect(callerOfToken('a.%%%.c', NOW)).toMatch(/cannot be read/);
    expect(callerOfToken(tokenWith({ sub: 'x', role: 'boss' }), NOW)).toMatch(/no role/);
  });

  it('refuses an expired token before any request is made', () => {
    expect(callerOfToken(tokenWith({ sub: 'ada', role: 'agent', exp: NOW / 1000 - 1 }), NOW)).toMatch(/expired/);
  });
});
