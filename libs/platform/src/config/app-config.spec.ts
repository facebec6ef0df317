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
