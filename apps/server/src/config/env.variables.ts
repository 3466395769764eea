import path from 'node:path';
import { absolutePath, durationMillis, durationSeconds, hostName, integerIn, nameList, oneOf, textOfLength, urlWithScheme, type EnvParser } from './env.parsers';

/**
 * One environment variable the server reads. `redact` says how a bad value is echoed back
 * in the start-up error (secrets must not land in logs).
 */
export interface EnvVariable<T> {
  description: string;
  parse: EnvParser<T>;
  /** Raw value used when the variable is unset or empty; absent = the setting is optional. */
  default?: string;
  redact?: 'url-password' | 'all';
}

function setting<T>(spec: EnvVariable<T> & { default: string }): EnvVariable<T> {
  return spec;
}

function optional<T>(spec: Omit<EnvVariable<T>, 'default'>): EnvVariable<T | undefined> {
  return spec as EnvVariable<T | undefined>;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every variable the server understands. Adding one is adding an entry here: the typed
 * `AppConfig` and the start-up validation follow from this table.
 */
export const envVariables = {
  PORT: setting({ description: 'HTTP port; 0 picks a free one', default: '3000', parse: integerIn(0, 65535) }),
  HOST: setting({ description: 'interface the HTTP server binds to', default: '0.0.0.0', parse: hostName }),
  DATA_DIR: setting({
    description: 'folder for embedded PostgreSQL data (DATA_DIR/pg) and local files',
    default: './data',
    parse: absolutePath,
  }),
  DATABASE_URL: optional({
    description: 'PostgreSQL 15+ to use; unset = embedded PGlite in DATA_DIR/pg',
    parse: urlWithScheme(['postgres', 'postgresql']),
    redact: 'url-password',
  }),
  REDIS_URL: optional({
    description: 'Redis for the job queue; unset = jobs run in-process',
    parse: urlWithScheme(['redis', 'rediss']),
    redact: 'url-password',
  }),
  LOG_LEVEL: setting({ description: 'pino log level', default: 'info', parse: oneOf(LOG_LEVELS) }),
  WEB_DIST_DIR: setting({
    description: 'built web app served at /; ignored when the folder has no index.html',
    // Same depth from src/config and dist/config: both resolve to apps/web/dist.
    default: path.resolve(__dirname, '..', '..', '..', 'web', 'dist'),
    parse: absolutePath,
  }),
  ADMIN_PASSWORD: optional({
    description: 'password of the initial `admin` user, used only when that user is created (first start); unset = generated and logged once',
    parse: textOfLength(8),
    redact: 'all',
  }),
  JWT_SECRET: optional({
    description: 'HMAC secret for access tokens; unset = generated once and kept in the database, shared by every instance',
    parse: textOfLength(32),
    redact: 'all',
  }),
  JWT_ACCESS_TTL: setting({ description: 'lifetime of an access token', default: 'PT15M', parse: durationSeconds(1, 86_400) }),
  JWT_REFRESH_TTL: setting({ description: 'lifetime of a refresh token', default: 'P30D', parse: durationSeconds(60, 31_536_000) }),
  LOGIN_MAX_FAILURES: setting({ description: 'wrong passwords in a row that lock a user out', default: '5', parse: integerIn(1, 1000) }),
  LOGIN_LOCKOUT: setting({ description: 'how long a locked-out user must wait', default: 'PT15M', parse: durationSeconds(1, 86_400) }),
  LOGIN_RATE_LIMIT: setting({ description: 'login attempts allowed per client IP and username in one LOGIN_RATE_WINDOW', default: '10', parse: integerIn(1, 10_000) }),
  LOGIN_RATE_WINDOW: setting({ description: 'window of LOGIN_RATE_LIMIT', default: 'PT1M', parse: durationSeconds(1, 86_400) }),
  TIMER_POLL_INTERVAL: setting({ description: 'how often each instance looks for due timers (stage timeouts, SLAs)', default: 'PT1S', parse: durationMillis(50, 3_600_000) }),
  RUN_WORKERS: setting({
    description: 'run background work in this process (outbox relay, job consumers, timer poller); false for API-only instances next to `npm run worker` processes',
    default: 'true',
    parse: oneOf(['true', 'false'] as const),
  }),
  OUTBOX_POLL_INTERVAL: setting({ description: 'how often the relay looks for new outbox events (and in-process jobs for due ones)', default: 'PT0.5S', parse: durationMillis(50, 3_600_000) }),
  JOB_ATTEMPTS: setting({ description: 'tries of a job (automation run) before it goes to the dead-letter list', default: '5', parse: integerIn(1, 100) }),
  JOB_BACKOFF: setting({ description: 'first retry delay of a failed job; doubles with every try', default: 'PT1S', parse: durationMillis(50, 3_600_000) }),
  JOB_LOCK_DURATION: setting({ description: 'how long a job stays claimed by a worker that stops answering (killed) before another runs it', default: 'PT30S', parse: durationMillis(500, 3_600_000) }),
  QUEUE_PREFIX: setting({ description: 'prefix of the BullMQ keys in Redis (one per Tessera installation sharing a Redis)', default: 'tessera', parse: hostName }),
  SEED_PACKS: setting({
    description: 'template packs imported with their demo data when the platform is empty (nothing published, no pack installed): pack folder names under PACKS_DIR, or none',
    default: 'valve-manufacturing,fmcg-beverage',
    parse: nameList(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'pack names'),
  }),
  PACKS_DIR: setting({
    description: 'folder holding the template packs SEED_PACKS names',
    // Same depth from src/config and dist/config: both resolve to <repo>/packs.
    default: path.resolve(__dirname, '..', '..', '..', '..', 'packs'),
    parse: absolutePath,
  }),
  DEMO_PASSWORD: optional({
    description: 'password of the demo users that pack imports create; unset = generated per import and shown once',
    parse: textOfLength(8),
    redact: 'all',
  }),
} satisfies Record<string, EnvVariable<unknown>>;

export type EnvVariables = typeof envVariables;

export type AppConfig = {
  readonly [K in keyof EnvVariables]: EnvVariables[K] extends EnvVariable<infer T> ? T : never;
};
