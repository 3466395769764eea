import path from 'node:path';
import { ConfigError, loadConfig } from './config.load';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe(path.resolve('data'));
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('runs background work by default, with job settings that tests can shorten', () => {
    expect(loadConfig({})).toMatchObject({ RUN_WORKERS: 'true', OUTBOX_POLL_INTERVAL: 500, JOB_ATTEMPTS: 5, JOB_BACKOFF: 1000, JOB_LOCK_DURATION: 30_000, QUEUE_PREFIX: 'tessera' });
    expect(loadConfig({ RUN_WORKERS: 'false', JOB_BACKOFF: 'PT0.2S' })).toMatchObject({ RUN_WORKERS: 'false', JOB_BACKOFF: 200 });
    expect(problemsOf({ RUN_WORKERS: 'no' })).toEqual(['RUN_WORKERS must be one of true, false, got "no"']);
  });

  it('reads given values and treats empty ones as unset', () => {
    const config = loadConfig({ PORT: '8080', DATA_DIR: '/srv/tessera', DATABASE_URL: '', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ PORT: 8080, DATA_DIR: '/srv/tessera', DATABASE_URL: undefined, LOG_LEVEL: 'debug' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer 0-65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be an integer 0-65535, got "70000"'],
    [{ PORT: '30.5' }, 'PORT must be an integer 0-65535, got "30.5"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must be a postgres:// or postgresql:// URL, got "mysql://db/x"'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL, got "localhost:6379"'],
  ])('names the bad variable in %j', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: '-1', LOG_LEVEL: 'x' }).map((p) => p.split(' ')[0])).toEqual(['PORT', 'LOG_LEVEL']);
  });

  it('does not echo a password from a rejected URL', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'mysql://admin:s3cret@db/x' });
    expect(problem).toContain('mysql://admin:***@db/x');
    expect(problem).not.toContain('s3cret');
  });
});
