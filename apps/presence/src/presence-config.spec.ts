import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@app/platform';
import { presenceConfigFrom } from './presence-config.js';

describe('connection settings', () => {
  it('defaults to away after 60 s without a connection, a grace of the timeout plus 30 s, and the shared signal topic', () =>
    expect(presenceConfigFrom({}).connections).toEqual({
      timeoutMs: 60_000, timeoutStatus: 'away', startupGraceMs: 90_000, signalAllowanceMs: 2000, signalTopic: 'presence.connection-signals',
    }));

  it('follows a longer timeout with a longer default grace, so a heartbeating client always gets one chance after a restart', () =>
    expect(presenceConfigFrom({ PRESENCE_TIMEOUT_SECONDS: '300' }).connections).toMatchObject({ timeoutMs: 300_000, startupGraceMs: 330_000 }));

  it('reads every setting', () =>
    expect(presenceConfigFrom({
      PRESENCE_TIMEOUT_SECONDS: '20', PRESENCE_TIMEOUT_STATUS: 'none', PRESENCE_STARTUP_GRACE_SECONDS: '0',
      PRESENCE_SIGNAL_ALLOWANCE_MS: '500', CONNECTION_SIGNAL_TOPIC: 'signals',
    }).connections).toEqual({ timeoutMs: 20_000, timeoutStatus: 'none', startupGraceMs: 0, signalAllowanceMs: 500, signalTopic: 'signals' }));

  it('reports every bad connection setting at once', () => {
    const read = () => presenceConfigFrom({
      PRESENCE_TIMEOUT_SECONDS: '0', PRESENCE_TIMEOUT_STATUS: 'online', PRESENCE_STARTUP_GRACE_SECONDS: '-1', PRESENCE_SIGNAL_ALLOWANCE_MS: 'soon',
    });
    expect(read).toThrow(ConfigError);
    try { read(); } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split('=')[0]))
        .toEqual(['PRESENCE_TIMEOUT_SECONDS', 'PRESENCE_TIMEOUT_STATUS', 'PRESENCE_STARTUP_GRACE_SECONDS', 'PRESENCE_SIGNAL_ALLOWANCE_MS']);
    }
  });
});
