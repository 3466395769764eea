import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
const jwt = new JwtService({});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectProblem(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, type: res.headers.get('content-type')?.split(';')[0], problem: res.body?.type }).toEqual({
    status,
    type: 'application/problem+json',
    problem: `https://tessera.dev/problems/${code}`,
  });
}

describe('sign-in, tokens and sessions', () => {
  let s: TesseraServer;
  let anon: ApiClient;
  let db: DataSource;
  const auditCount = async (action: string, where = 'TRUE', values: unknown[] = []) =>
    Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = $1 AND ${where}`, [action, ...values]))[0].n);
  const login = (username: string, password: string) => anon.post('/api/auth/login', { username, password });
  const createUser = async (username: string, password = 'password-123') => {
    const res = await s.admin.post('/api/admin/users', { username, displayName: username, password });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    s = await startTesseraServer(undefined, {
      JWT_SECRET,
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT: 'PT2S',
      LOGIN_RATE_LIMIT: '6',
      LOGIN_RATE_WINDOW: 'PT1M',
    });
    anon = s.anonymous;
    db = s.app.app.get(DataSource);
  });
  afterAll(() => s?.close());

  describe('login', () => {
    it('returns an access token, a refresh token and the user', async () => {
      const res = await login('admin', ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { username: 'admin', roles: ['admin'], disabled: false } });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      expect(claimsOf(res.body.accessToken)).toMatchObject({ sub: res.body.user.id, iss: 'tessera', aud: 'tessera-api', typ: 'access' });
      expect(claimsOf(res.body.accessToken).exp - claimsOf(res.body.accessToken).iat).toBe(900);
      expect(res.body.refreshToken).toMatch(/^[\w-]{43}$/);
      const me = await anon.as(res.body.accessToken).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ user: { username: 'admin', kind: 'user' }, isAdmin: true, roles: [{ key: 'admin' }] });
    });

    it('ignores the case of the username', async () => {
      expect((await login('ADMIN', ADMIN_PASSWORD)).status).toBe(200);
    });

    it('answers a wrong password and an unknown user alike (401 invalid-credentials) and audits both', async () => {
      const before = await auditCount('auth.login_failed');
      expectProblem(await login('admin', 'not-the-password'), 401, 'invalid-credentials');
      expectProblem(await login('nobody_here', 'whatever-1'), 401, 'invalid-credentials');
      expect(await auditCount('auth.login_failed')).toBe(before + 2);
      expect(await auditCount('auth.login_failed', `details->>'reason' = 'unknown_user' AND actor_name = 'nobody_here'`)).toBe(1);
    });

    it('refuses a body without username or password with pointers', async () => {
      const res = await anon.post('/api/auth/login', { username: 'admin' });
      expectProblem(res, 400, 'body-invalid');
      expect(res.body.errors).toEqual([{ path: '/password', code: 'required', message: 'password is required' }]);
    });

    it('records a successful login in the audit log', async () => {
      expect(await auditCount('auth.login', `actor_name = 'admin'`)).toBeGreaterThanOrEqual(2);
    });
  });

  describe('bearer tokens', () => {
    let token: string;
    beforeAll(async () => {
      token = (await login('admin', ADMIN_PASSWORD)).body.accessToken;
    });

    it('needs one on every non-public route (401 with WWW-Authenticate)', async () => {
      const res = await anon.get('/api/me');
      expectProblem(res, 401, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect((await anon.get('/api/health')).status).toBe(200);
    });

    it('accepts a token re-signed with the server secret (the forgeries below fail for their flaw only)', async () => {
      const claims = claimsOf(token);
      const resigned = jwt.sign({ sid: claims.sid, typ: 'access' }, { secret: JWT_SECRET, subject: claims.sub, issuer: 'tessera', audience: 'tessera-api', expiresIn: 60 });
      expect((await anon.as(resigned).get('/api/me')).status).toBe(200);
    });

    it.each([
      ['signed with another secret', (t: string) => jwt.sign({ sid: claimsOf(t).sid, typ: 'access' }, { secret: 'another-secret-another-secret-another', subject: claimsOf(t).sub, issuer: 'tessera', audience: 'tessera-api', expiresIn: 60 })],
      ['alg none', (t: string) => `${b64({ alg: 'none', typ: 'JWT' })}.${t.split('.')[1]}.`],
      ['payload swapped under the old signature', (t: string) => `${t.split('.')[0]}.${b64({ ...claimsOf(t), sub: '0190a0a0-0000-7000-8000-000000000000' })}.${t.split('.')[2]}`],
      ['HS512 with the right secret', (t: string) => jwt.sign({ sid: claimsOf(t).sid, typ: 'access' }, { secret: JWT_SECRET, algorithm: 'HS512', subject: claimsOf(t).sub, issuer: 'tessera', audience: 'tessera-api', expiresIn: 60 })],
      ['another audience', (t: string) => jwt.sign({ sid: claimsOf(t).sid, typ: 'access' }, { secret: JWT_SECRET, subject: claimsOf(t).sub, issuer: 'tessera', audience: 'elsewhere', expiresIn: 60 })],
      ['no session claim', (t: string) => jwt.sign({ typ: 'access' }, { secret: JWT_SECRET, subject: claimsOf(t).sub, issuer: 'tessera', audience: 'tessera-api', expiresIn: 60 })],
      ['not a JWT at all', () => 'garbage'],
    ])('refuses a token %s (401 token-invalid)', async (_name, forge) => {
      expectProblem(await anon.as(forge(token)).get('/api/me'), 401, 'token-invalid');
    });

    it('refuses an expired token (401 token-expired)', async () => {
      const claims = claimsOf(token);
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign({ sid: claims.sid, typ: 'access', iat: now - 120, exp: now - 60 }, { secret: JWT_SECRET, subject: claims.sub, issuer: 'tessera', audience: 'tessera-api' });
      expectProblem(await anon.as(expired).get('/api/me'), 401, 'token-expired');
    });
  });

  describe('refresh', () => {
    it('rotates: the new pair works, the old refresh token is spent', async () => {
      const first = (await login('admin', ADMIN_PASSWORD)).body;
      const second = await anon.post('/api/auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect(claimsOf(second.body.accessToken).sid).toBe(claimsOf(first.accessToken).sid);
      expect((await anon.as(second.body.accessToken).get('/api/me')).status).toBe(200);
      expect(await auditCount('auth.refresh', `details->>'sessionId' = $2`, [claimsOf(first.accessToken).sid])).toBe(1);
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const first = (await login('admin', ADMIN_PASSWORD)).body;
      const second = (await anon.post('/api/auth/refresh', { refreshToken: first.refreshToken })).body;
      expectProblem(await anon.post('/api/auth/refresh', { refreshToken: first.refreshToken }), 401, 'refresh-reused');
      // Both the newest refresh token and the access tokens of the session are dead now.
      expectProblem(await anon.post('/api/auth/refresh', { refreshToken: second.refreshToken }), 401, 'session-revoked');
      expectProblem(await anon.as(second.accessToken).get('/api/me'), 401, 'session-revoked');
      expect(await auditCount('auth.refresh_reuse', `details->>'sessionId' = $2`, [claimsOf(first.accessToken).sid])).toBe(1);
    });

    it('refuses an unknown refresh token', async () => {
      expectProblem(await anon.post('/api/auth/refresh', { refreshToken: 'x'.repeat(43) }), 401, 'refresh-invalid');
    });
  });

  describe('logout', () => {
    it('ends the session of the bearer token: its access and refresh tokens stop working', async () => {
      const pair = (await login('admin', ADMIN_PASSWORD)).body;
      const res = await anon.as(pair.accessToken).post('/api/auth/logout');
      expect(res.status).toBe(204);
      expectProblem(await anon.as(pair.accessToken).get('/api/me'), 401, 'session-revoked');
      expectProblem(await anon.post('/api/auth/refresh', { refreshToken: pair.refreshToken }), 401, 'session-revoked');
      expectProblem(await anon.as(pair.accessToken).post('/api/auth/logout'), 401, 'session-unknown');
    });

    it('ends the session of a refresh token given in the body', async () => {
      const pair = (await login('admin', ADMIN_PASSWORD)).body;
      expect((await anon.post('/api/auth/logout', { refreshToken: pair.refreshToken })).status).toBe(204);
      expectProblem(await anon.as(pair.accessToken).get('/api/me'), 401, 'session-revoked');
      expect(await auditCount('auth.logout', `details->>'sessionId' = $2`, [claimsOf(pair.accessToken).sid])).toBe(1);
    });
  });

  describe('lockout and rate limit', () => {
    it('locks a user after LOGIN_MAX_FAILURES wrong passwords (423 + Retry-After), even for the right password, until it ends', async () => {
      await createUser('lock_me', 'right-password-1');
      expectProblem(await login('lock_me', 'wrong-1'), 401, 'invalid-credentials');
      expectProblem(await login('lock_me', 'wrong-2'), 401, 'invalid-credentials');
      const third = await login('lock_me', 'wrong-3');
      expectProblem(third, 423, 'account-locked');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expectProblem(await login('lock_me', 'right-password-1'), 423, 'account-locked');
      expect(await auditCount('auth.locked_out', `actor_name = 'lock_me'`)).toBe(1);
      await sleep(2100);
      expect((await login('lock_me', 'right-password-1')).status).toBe(200);
      // The count starts over after a success: two more failures do not lock.
      await login('lock_me', 'wrong-4');
      expectProblem(await login('lock_me', 'wrong-5'), 401, 'invalid-credentials');
    });

    it('limits attempts per client and username (429 + Retry-After), other usernames unaffected', async () => {
      for (let i = 0; i < 6; i++) expectProblem(await login('ghost_user', `guess-${i}`), 401, 'invalid-credentials');
      const limited = await login('ghost_user', 'guess-7');
      expectProblem(limited, 429, 'login-rate-limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expectProblem(await login('other_ghost', 'guess'), 401, 'invalid-credentials');
      expect(await auditCount('auth.login_failed', `details->>'reason' = 'rate_limited' AND actor_name = 'ghost_user'`)).toBe(1);
    });
  });

  describe('disabled users', () => {
    it('are refused at once (403 user-disabled) and can sign in again when enabled', async () => {
      const id = await createUser('leaving_rep', 'leaving-pass-1');
      const token = (await login('leaving_rep', 'leaving-pass-1')).body.accessToken;
      expect((await anon.as(token).get('/api/me')).status).toBe(200);
      expect((await s.admin.post(`/api/admin/users/${id}/disable`)).body).toMatchObject({ disabled: true });
      expectProblem(await anon.as(token).get('/api/me'), 401, 'session-revoked');
      expectProblem(await login('leaving_rep', 'leaving-pass-1'), 403, 'user-disabled');
      // Without the password nobody learns the user is disabled.
      expectProblem(await login('leaving_rep', 'wrong-pass'), 401, 'invalid-credentials');
      expect((await s.admin.post(`/api/admin/users/${id}/enable`)).body).toMatchObject({ disabled: false });
      expect((await login('leaving_rep', 'leaving-pass-1')).status).toBe(200);
    });
  });
});

describe('short-lived access tokens and a generated secret', () => {
  let s: TesseraServer;
  beforeAll(async () => {
    s = await startTesseraServer(undefined, { JWT_ACCESS_TTL: 'PT1S' });
  });
  afterAll(() => s?.close());

  it('expires the access token after JWT_ACCESS_TTL; the refresh token gets a fresh one', async () => {
    const pair = (await s.anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body;
    expect(pair.expiresIn).toBe(1);
    await sleep(2100);
    expectProblem(await s.anonymous.as(pair.accessToken).get('/api/me'), 401, 'token-expired');
    const renewed = await s.anonymous.post('/api/auth/refresh', { refreshToken: pair.refreshToken });
    expect(renewed.status).toBe(200);
    expect((await s.anonymous.as(renewed.body.accessToken).get('/api/me')).status).toBe(200);
  });

  it('keeps the generated signing secret in the database for other instances', async () => {
    const rows = await s.app.app.get(DataSource).query(`SELECT length(value) AS n FROM identity_secret WHERE name = 'jwt_hs256'`);
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(64);
  });
});
