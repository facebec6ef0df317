import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLES, type Caller, type Role } from './caller.js';
import { UnauthenticatedError } from './auth-errors.js';
import { VerifiedTokens } from './verified-tokens.js';

export type TokenKeySource =
  | { readonly kind: 'secret'; readonly secret: Uint8Array }
  | { readonly kind: 'public-key'; readonly pem: string }
  | { readonly kind: 'jwks'; readonly url: string };

export interface TokenRules {
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
}

const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_TEAMS = 50;

/** HS256 for a shared secret; RS256/ES256 for a public key or a JWKS. Never `none`. */
const algorithmsFor = (source: TokenKeySource): string[] => (source.kind === 'secret' ? ['HS256'] : ['RS256', 'ES256']);

const reasonOf = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not acceptable`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with an accepted algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the JWKS matches the token';
  return 'the token is malformed or cannot be verified';
};

const callerOf = (payload: JWTPayload): Caller => {
  const { sub, role, teams, exp } = payload as JWTPayload & { role?: unknown; teams?: unknown };
  if (typeof sub !== 'string' || !SLUG.test(sub)) throw new UnauthenticatedError('the token has no usable sub claim');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new UnauthenticatedError(`the token's role claim must be one of ${ROLES.join(', ')}`);
  }
  const teamList = teams ?? [];
  if (!Array.isArray(teamList) || teamList.length > MAX_TEAMS || !teamList.every((t) => typeof t === 'string' && SLUG.test(t))) {
    throw new UnauthenticatedError('the token has an unusable teams claim');
  }
  if ((role === 'agent' || role === 'supervisor') && teams === undefined) throw new UnauthenticatedError('the token has no teams claim');
  return { id: sub, role: role as Role, teams: teamList as string[], expiresAt: typeof exp === 'number' ? exp * 1000 : undefined };
};

/** Verifies bearer tokens (signature, algorithm, expiry, not-before, issuer, audience) into a Caller. */
export class TokenVerifier {
  private readonly key: Uint8Array | KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified: VerifiedTokens;

  constructor(source: TokenKeySource, private readonly rules: TokenRules) {
    this.algorithms = algorithmsFor(source);
    this.verified = new VerifiedTokens(10_000, rules.clockToleranceSeconds * 1000);
    // A KeyObject made once: handing jose raw bytes would import the key again on every request.
    this.key = source.kind === 'secret' ? createSecretKey(source.secret)
      : source.kind === 'public-key' ? createPublicKey(source.pem)
        : createRemoteJWKSet(new URL(source.url));
  }

  async verify(token: string): Promise<Caller> {
    const known = this.verified.get(token);
    if (known) return known;
    const caller = callerOf(await this.payloadOf(token));
    this.verified.remember(token, caller);
    return caller;
  }

  private async payloadOf(token: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.rules.issuer,
        audience: this.rules.audience,
        clockTolerance: this.rules.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new UnauthenticatedError(reasonOf(error));
    }
    return payload;
  }
}
