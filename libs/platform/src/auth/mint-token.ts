/**
 * Mints a token for local use with the embedded default's secret:
 *   npm run token -- --sub agent-7 --role agent --teams sales[,support] [--ttl 28800]
 * Reads DATA_DIR (default ./data), AUTH_JWT_SECRET, AUTH_ISSUER and AUTH_AUDIENCE like the app.
 */
import { parseArgs } from 'node:util';
import { appConfigFrom } from '../config/app-config.js';
import { ConfigError } from '../config/env.js';
import { ROLES, type Role } from './caller.js';
import { embeddedOrConfiguredSecret } from './token-key-source.js';
import { signToken } from './token-signer.js';

const USAGE = `usage: npm run token -- --sub ID --role ${ROLES.join('|')} [--teams a,b] [--ttl seconds]

Prints a bearer token signed with the app's key: AUTH_JWT_SECRET when set, else the
embedded default's DATA_DIR/auth-secret (default ./data; made on first use).
  --sub    the caller's id (agent id, supervisor id, service name)
  --role   ${ROLES.join(', ')}
  --teams  comma-separated teams the caller belongs to
  --ttl    lifetime in seconds (default 28800, 8 hours)`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
};

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        sub: { type: 'string' },
        role: { type: 'string' },
        teams: { type: 'string', default: '' },
        ttl: { type: 'string', default: String(8 * 3600) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
})();

if (parsed.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!parsed.sub) fail('--sub is required');
if (!(ROLES as readonly string[]).includes(parsed.role ?? '')) fail(`--role must be one of ${ROLES.join(', ')}`);
const ttlSeconds = Number(parsed.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail('--ttl must be a positive whole number of seconds');

const config = (() => {
  try {
    return appConfigFrom(process.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
})();
const secret = embeddedOrConfiguredSecret(config);
if (!secret) fail('the app is configured with a public key or JWKS: mint tokens with your identity provider');

const token = await signToken(secret!, config.auth, {
  sub: parsed.sub!, role: parsed.role as Role, teams: parsed.teams!.split(',').filter(Boolean), ttlSeconds,
});
process.stdout.write(`${token}\n`);
