import { SignJWT } from 'jose';
import type { Role } from './caller.js';
import type { TokenRules } from './token-verifier.js';

export interface TokenRequest {
  readonly sub: string;
  readonly role: Role;
  readonly teams: readonly string[];
  /** Seconds until expiry. */
  readonly ttlSeconds: number;
}

/** HS256 tokens for the embedded default and for tests; production issues tokens from its identity provider. */
export const signToken = (secret: Uint8Array, rules: Pick<TokenRules, 'issuer' | 'audience'>, request: TokenRequest): Promise<string> =>
  new SignJWT({ role: request.role, teams: [...request.teams] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(rules.issuer)
    .setAudience(rules.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + request.ttlSeconds)
    .sign(secret);
