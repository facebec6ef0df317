import { signToken, type Role } from '@app/platform';

/** Every test app is started with this secret, so tests can mint tokens for any caller. */
export const TEST_JWT_SECRET = 'test-only-secret-never-used-outside-the-test-suite';
/** Load tests call as one admin far more often than a person would, and the hostile-input tests fail authentication on purpose; the limit tests set their own limits. */
export const TEST_AUTH_ENV = { AUTH_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '1000000' } as const;

/**
 * Test apps have no agent consoles holding sessions: without this every
 * agent a suite puts online would be set away a timeout after the startup
 * grace. The connection suites (sessions*.e2e.spec.ts) set their own.
 */
export const TEST_CONNECTION_ENV = { PRESENCE_TIMEOUT_STATUS: 'none' } as const;

const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const rules = { issuer: 'agent-presence', audience: 'agent-presence' };
const cache = new Map<string, Promise<string>>();

export const tokenFor = (sub: string, role: Role, teams: readonly string[] = [], ttlSeconds = 3600): Promise<string> => {
  const key = JSON.stringify([sub, role, teams, ttlSeconds]);
  let token = cache.get(key);
  if (!token) {
    token = signToken(secret, rules, { sub, role, teams, ttlSeconds });
    cache.set(key, token);
  }
  return token;
};

export const bearer = async (sub: string, role: Role, teams: readonly string[] = []) =>
  ({ authorization: `Bearer ${await tokenFor(sub, role, teams)}` });

/** What requests carry when a test does not say who calls: an admin. */
export const defaultCaller = () => bearer('test-admin', 'admin');
