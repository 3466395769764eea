import { durationMillis, durationSeconds, textOfLength } from './env.parsers';
import { ConfigError, loadConfig } from './config.load';

describe('durationSeconds', () => {
  const parse = durationSeconds(1, 31_536_000);
  it.each([
    ['PT15M', 900],
    ['PT1S', 1],
    ['P30D', 2_592_000],
    ['P1DT2H3M4S', 93_784],
  ])('reads %s as %i seconds', (raw, seconds) => {
    expect(parse(raw)).toEqual({ ok: true, value: seconds });
  });

  it.each(['15m', 'P', 'PT', 'P1DT', 'PT0S', 'P366D', 'PT1.5S', '-PT1S'])('refuses %s', (raw) => {
    expect(parse(raw).ok).toBe(false);
  });
});

describe('identity settings', () => {
  it('defaults token lifetimes and login limits', () => {
    expect(loadConfig({})).toMatchObject({
      JWT_ACCESS_TTL: 900,
      JWT_REFRESH_TTL: 2_592_000,
      LOGIN_MAX_FAILURES: 5,
      LOGIN_LOCKOUT: 900,
      LOGIN_RATE_LIMIT: 10,
      LOGIN_RATE_WINDOW: 60,
      ADMIN_PASSWORD: undefined,
      JWT_SECRET: undefined,
    });
  });

  it('refuses a short JWT_SECRET without echoing it', () => {
    try {
      loadConfig({ JWT_SECRET: 'tooshort-secret' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual(['JWT_SECRET must be at least 32 characters, got "<15 characters>"']);
    }
  });

  it('checks text length', () => {
    expect(textOfLength(3)('abc')).toEqual({ ok: true, value: 'abc' });
    expect(textOfLength(3)('ab').ok).toBe(false);
  });
});

describe('durationMillis', () => {
  const parse = durationMillis(50, 3_600_000);
  it.each([
    ['PT1S', 1000],
    ['PT0.2S', 200],
    ['PT1M30S', 90_000],
    ['PT1H', 3_600_000],
  ])('reads %s as %i ms', (raw, ms) => {
    expect(parse(raw)).toEqual({ ok: true, value: ms });
  });

  it.each(['1s', 'PT', 'P1D', 'PT0.01S', 'PT2H', 'PT0.0001S'])('refuses %s', (raw) => {
    expect(parse(raw).ok).toBe(false);
  });
});
