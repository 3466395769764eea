import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { UserError } from '../../common/errors/user.error';
import { uuidv7 } from '../../common/uuid7';
import { AppConfigService } from '../../config/app-config.service';
import { forbidden, unauthenticated } from '../identity.errors';
import { toUserSummary, type UserRecord, type UserSummary } from '../users/user';
import { UserRepository } from '../users/user.repository';
import { LoginThrottleRepository } from './login-throttle.repository';
import { decoyHash, verifyPassword } from './password.hash';
import { RetryLaterError } from './retry-later.error';
import { randomSecret, sha256 } from './secret-token';
import { SessionRepository } from './session.repository';
import { TokenService } from './token.service';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  user: UserSummary;
}

/** Sign-in, refresh-token rotation with reuse detection, and sign-out. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly config: AppConfigService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Order matters: the rate limit first (it holds for unknown users too), then the
   * lockout (no password check while locked), then the password, and only with the
   * right password does a disabled user learn they are disabled.
   */
  async login(username: string, password: string, client: ClientInfo): Promise<TokenPair> {
    const throttleKey = `${client.ip ?? '-'}|${username.toLowerCase()}`;
    const limit = this.config.get('LOGIN_RATE_LIMIT');
    const { attempts, resetsInSeconds } = await this.throttle.hit(throttleKey, this.config.get('LOGIN_RATE_WINDOW'));
    if (attempts > limit) {
      if (attempts === limit + 1) await this.failed('rate_limited', username, null, { attempts });
      throw new RetryLaterError(
        { status: 429, code: 'login-rate-limited', title: 'Too many sign-in attempts', detail: `Too many attempts for this user from your address; try again in ${resetsInSeconds} s` },
        resetsInSeconds,
      );
    }

    const user = await this.users.findByUsername(username);
    if (!user) {
      await verifyPassword(password, await decoyHash());
      await this.failed('unknown_user', username, null);
      throw invalidCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.failed('locked', username, user);
      throw locked(user.lockedUntil);
    }
    const hash = await this.users.passwordHashOf(user.id);
    if (!hash || !(await verifyPassword(password, hash))) {
      const { lockedUntil } = await this.users.recordFailedLogin(user.id, this.config.get('LOGIN_MAX_FAILURES'), this.config.get('LOGIN_LOCKOUT'));
      await this.failed('wrong_password', username, user);
      if (lockedUntil) {
        await this.audit.record({ action: 'auth.locked_out', actorId: user.id, actorName: user.username, target: { type: 'user', id: user.id }, details: { until: lockedUntil.toISOString() } });
        throw locked(lockedUntil);
      }
      throw invalidCredentials();
    }
    if (user.disabledAt) {
      await this.failed('disabled', username, user);
      throw forbidden('This user is disabled; ask an administrator', 'user-disabled');
    }

    const pair = await this.dataSource.transaction(async (m) => {
      await this.users.recordSuccessfulLogin(user.id, m);
      const sessionId = uuidv7();
      await this.sessions.createSession({ id: sessionId, userId: user.id, ip: client.ip, userAgent: client.userAgent?.slice(0, 500) ?? null }, m);
      const issued = await this.issue(user, sessionId, m);
      await this.audit.record({ action: 'auth.login', actorId: user.id, actorName: user.username, target: { type: 'user', id: user.id }, details: { sessionId } }, m);
      return issued;
    });
    await this.throttle.clear(throttleKey);
    if (Math.random() < 0.01) await this.throttle.prune(86_400);
    return pair;
  }

  /**
   * Trades a refresh token for a new pair. Each refresh token works once: presenting
   * one that was already rotated means it was copied, so the whole session ends.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const state = await this.sessions.findRefreshToken(sha256(refreshToken));
    if (!state) throw unauthenticated('The refresh token is not valid', 'refresh-invalid');
    if (state.sessionRevokedAt) throw unauthenticated('This session has ended; sign in again', 'session-revoked');
    if (state.usedAt) return this.reused(state.sessionId, state.userId);
    if (state.expiresAt <= new Date()) throw unauthenticated('The refresh token has expired; sign in again', 'refresh-expired');
    const user = await this.users.findById(state.userId);
    if (!user) throw unauthenticated('The refresh token is not valid', 'refresh-invalid');
    if (user.disabledAt) throw forbidden('This user is disabled; ask an administrator', 'user-disabled');

    const pair = await this.dataSource.transaction(async (m) => {
      if (!(await this.sessions.useRefreshToken(state.id, m))) return null;
      const issued = await this.issue(user, state.sessionId, m);
      await this.audit.record({ action: 'auth.refresh', actorId: user.id, actorName: user.username, target: { type: 'user', id: user.id }, details: { sessionId: state.sessionId } }, m);
      return issued;
    });
    // Lost a race with another use of the same token: that is reuse as well.
    return pair ?? this.reused(state.sessionId, state.userId);
  }

  /** Ends the session the refresh token or access token belongs to; false when neither names a live one. */
  async logout(by: { refreshToken?: string; sessionId?: string; userId?: string }): Promise<boolean> {
    let sessionId = by.sessionId;
    let userId = by.userId ?? null;
    if (by.refreshToken) {
      const state = await this.sessions.findRefreshToken(sha256(by.refreshToken));
      if (state) ({ sessionId, userId } = state);
    }
    if (!sessionId) return false;
    const ended = await this.sessions.revokeSession(sessionId, 'logout');
    if (ended) await this.audit.record({ action: 'auth.logout', actorId: userId, target: userId ? { type: 'user', id: userId } : null, details: { sessionId } });
    return ended;
  }

  private async issue(user: UserRecord, sessionId: string, m: EntityManager): Promise<TokenPair> {
    const refreshToken = randomSecret();
    const refreshExpiresAt = await this.sessions.addRefreshToken({ id: uuidv7(), sessionId, tokenHash: sha256(refreshToken), ttlSeconds: this.config.get('JWT_REFRESH_TTL') }, m);
    return {
      tokenType: 'Bearer',
      accessToken: await this.tokens.sign({ userId: user.id, sessionId }),
      expiresIn: this.tokens.accessTtlSeconds,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      user: toUserSummary(user),
    };
  }

  private async reused(sessionId: string, userId: string): Promise<never> {
    await this.sessions.revokeSession(sessionId, 'refresh_reuse');
    await this.audit.record({ action: 'auth.refresh_reuse', actorId: userId, target: { type: 'user', id: userId }, details: { sessionId } });
    throw unauthenticated('This refresh token was already used; the session has been ended for safety. Sign in again', 'refresh-reused');
  }

  private failed(reason: string, username: string, user: UserRecord | null, extra: Record<string, unknown> = {}): Promise<void> {
    return this.audit.record({
      action: 'auth.login_failed',
      actorId: user?.id ?? null,
      actorName: username.slice(0, 128),
      target: user ? { type: 'user', id: user.id } : null,
      details: { reason, ...extra },
    });
  }
}

function invalidCredentials(): UserError {
  return unauthenticated('Wrong username or password', 'invalid-credentials');
}

function locked(until: Date): RetryLaterError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new RetryLaterError(
    { status: 423, code: 'account-locked', title: 'Too many wrong passwords', detail: `This user is locked until ${until.toISOString()} after too many wrong passwords` },
    seconds,
  );
}
