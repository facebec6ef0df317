import { describe, expect, it } from '@jest/globals';
import { generateKeyPair, exportSPKI, SignJWT, UnsecuredJWT } from 'jose';
import { TokenVerifier } from './token-verifier.js';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256');
const rules = { issuer: 'agent-presence', audience: 'agent-presence', clockToleranceSeconds: 30 };
const verifier = new TokenVerifier({ kind: 'secret', secret }, rules);

const sign = (claims: Record<string, unknown>, options: { exp?: string | number; nbf?: string | number; iss?: string; aud?: string; key?: Uint8Array } = {}) => {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt()
    .setIssuer(options.iss ?? rules.issuer).setAudience(options.aud ?? rules.audience).setExpirationTime(options.exp ?? '1h');
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(options.key ?? secret);
};

const agentClaims = { sub: 'a1', role: 'agent', teams: ['sales'] };

describe('verifying bearer tokens', () => {
  it('accepts a valid token and reads the caller', async () =>
    expect(await verifier.verify(await sign(agentClaims))).toMatchObject({ id: 'a1', role: 'agent', teams: ['sales'] }));

  it.each([
    ['an expired token', () => sign(agentClaims, { exp: Math.floor(Date.now() / 1000) - 120 })],
    ['a token not valid yet', () => sign(agentClaims, { nbf: Math.floor(Date.now() / 1000) + 300 })],
    ['a wrong key', () => sign(agentClaims, { key: new TextEncoder().encode('another-secret-another-secret-another') })],
    ['a wrong issuer', () => sign(agentClaims, { iss: 'someone-else' })],
    ['a wrong audience', () => sign(agentClaims, { aud: 'someone-else' })],
    ['alg none', async () => new UnsecuredJWT(agentClaims).setIssuer(rules.issuer).setAudience(rules.audience).setExpirationTime('1h').encode()],
    ['a missing role', () => sign({ sub: 'a1', teams: ['sales'] })],
    ['an unknown role', () => sign({ ...agentClaims, role: 'god' })],
    ['a missing sub', () => sign({ role: 'admin' })],
    ['an agent without teams', () => sign({ sub: 'a1', role: 'agent' })],
    ['teams that are not slugs', () => sign({ ...agentClaims, teams: ['sales team!'] })],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses %s', async (_name, token) =>
    expect(verifier.verify(await token())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' }));

  it('tolerates a small clock skew', async () =>
    expect(await verifier.verify(await sign(agentClaims, { exp: Math.floor(Date.now() / 1000) - 10 }))).toMatchObject({ id: 'a1' }));

  it('verifies ES256 tokens with a public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const es = new TokenVerifier({ kind: 'public-key', pem: await exportSPKI(publicKey) }, rules);
    const token = await new SignJWT({ sub: 'root', role: 'admin' }).setProtectedHeader({ alg: 'ES256' })
      .setIssuer(rules.issuer).setAudience(rules.audience).setExpirationTime('1h').sign(privateKey);
    expect(await es.verify(token)).toMatchObject({ id: 'root', role: 'admin', teams: [] });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
