import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, exportJWK, exportSPKI, SignJWT, UnsecuredJWT } from 'jose';
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

  it('verifies RS256 tokens against a JWKS URL (served on loopback)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const jwks = new TokenVerifier({ kind: 'jwks', url }, rules);
      const token = await new SignJWT({ role: 'supervisor', teams: ['sales'] }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('sup-1').setIssuer(rules.issuer).setAudience(rules.audience).setExpirationTime('1h').sign(privateKey);
      expect(await jwks.verify(token)).toMatchObject({ id: 'sup-1', role: 'supervisor', teams: ['sales'] });
      const other = await generateKeyPair('RS256');
      const forged = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('root').setIssuer(rules.issuer).setAudience(rules.audience).setExpirationTime('1h').sign(other.privateKey);
      await expect(jwks.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      server.close();
    }
  });
});
