/**
 * Mints a token for local use with the embedded default's secret:
 *   npm run token -- --sub agent-7 --role agent --teams sales[,support] [--ttl 28800]
 * Reads DATA_DIR (default ./data), AUTH_JWT_SECRET, AUTH_ISSUER and AUTH_AUDIENCE like the app.
 */
import { parseArgs } from 'node:util';
import { presenceConfigFrom } from '../config/presence-config.js';
import { ROLES, type Role } from './caller.js';
import { embeddedOrConfiguredSecret } from './token-key-source.js';
import { signToken } from './token-signer.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string' },
    teams: { type: 'string', default: '' },
    ttl: { type: 'string', default: String(8 * 3600) },
  },
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\nusage: npm run token -- --sub ID --role ${ROLES.join('|')} [--teams a,b] [--ttl seconds]\n`);
  process.exit(2);
};

const config = presenceConfigFrom(process.env);
if (!values.sub) fail('--sub is required');
if (!(ROLES as readonly string[]).includes(values.role ?? '')) fail(`--role must be one of ${ROLES.join(', ')}`);
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail('--ttl must be a positive whole number of seconds');
const secret = embeddedOrConfiguredSecret(config);
if (!secret) fail('the app is configured with a public key or JWKS: mint tokens with your identity provider');

const token = await signToken(secret!, config.auth, {
  sub: values.sub!, role: values.role as Role, teams: values.teams!.split(',').filter(Boolean), ttlSeconds,
});
process.stdout.write(`${token}\n`);
