import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built apps refuse bad settings at start: every problem on its own line, no stack trace, exit 2. */
describe.each(['standalone', 'presence', 'routing'])('starting the built %s app with bad settings', (app) => {
  it('names every bad setting and exits 2 without a stack trace', () => {
    const main = resolve('dist', 'apps', app, 'src', 'main.js');
    expect(existsSync(main)).toBe(true);
    const run = spawnSync(process.execPath, [main], {
      env: { ...process.env, NODE_OPTIONS: '', PORT: 'abc', EVENT_STORE: 'mongo', AUTH_JWT_SECRET: 'short', ROUTING_POLICY: 'random' },
      encoding: 'utf8', timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PORT=abc: expected a whole number from 0 to 65535');
    expect(run.stderr).toContain('EVENT_STORE=mongo: expected one of sqlite, eventstoredb');
    expect(run.stderr).toContain('AUTH_JWT_SECRET must be at least 32 characters');
    if (app !== 'presence') expect(run.stderr).toContain('ROUTING_POLICY=random');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('starting the built routing app alone without a broker', () => {
  const startRouting = (env: Record<string, string>) => {
    const { KAFKA_BROKERS: _broker, MESSAGE_BUS: _bus, ...rest } = process.env;
    return spawnSync(process.execPath, [resolve('dist', 'apps', 'routing', 'src', 'main.js')], {
      env: { ...rest, NODE_OPTIONS: '', PORT: '0', HOST: '127.0.0.1', ...env }, encoding: 'utf8', timeout: 20_000,
    });
  };

  it('refuses to start without KAFKA_BROKERS instead of queueing every conversation forever', () => {
    const run = startRouting({});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('MESSAGE_BUS=kafka needs KAFKA_BROKERS');
  });

  it('refuses the in-process bus, on which nothing would tell it about agents', () => {
    const run = startRouting({ MESSAGE_BUS: 'in-process' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('routing alone needs MESSAGE_BUS=kafka');
  });
});
