import { appConfigFrom } from './app-config.js';
import { ConfigError } from './env.js';

describe('the idempotency window setting', () => {
  it('keeps an Idempotency-Key for 24 hours unless IDEMPOTENCY_WINDOW_HOURS says otherwise', () => {
    expect(appConfigFrom({}).idempotencyWindowHours).toBe(24);
    expect(appConfigFrom({ IDEMPOTENCY_WINDOW_HOURS: '72' }).idempotencyWindowHours).toBe(72);
  });

  it('refuses a window of no hours at start-up', () => {
    expect(() => appConfigFrom({ IDEMPOTENCY_WINDOW_HOURS: '0' })).toThrow(ConfigError);
  });
});

describe('the embedded event log path', () => {
  it('is DATA_DIR/events.sqlite unless SQLITE_PATH names another file, so processes with their own DATA_DIR can share one log', () => {
    expect(appConfigFrom({ DATA_DIR: '/srv/presence-1' }).sqlitePath).toBe('/srv/presence-1/events.sqlite');
    expect(appConfigFrom({ DATA_DIR: '/srv/presence-1', SQLITE_PATH: '/srv/shared/events.sqlite' }).sqlitePath).toBe('/srv/shared/events.sqlite');
  });
});
