import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from '../sql-rows';

export interface RefreshTokenState {
  id: string;
  sessionId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  sessionRevokedAt: Date | null;
}

/** Every read and write of `auth_session` and `refresh_token`. */
@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  async createSession(s: { id: string; userId: string; ip: string | null; userAgent: string | null }, m: EntityManager): Promise<void> {
    await m.query(`INSERT INTO "auth_session" ("id", "user_id", "ip", "user_agent") VALUES ($1, $2, $3, $4)`, [s.id, s.userId, s.ip, s.userAgent]);
  }

  async addRefreshToken(t: { id: string; sessionId: string; tokenHash: string; ttlSeconds: number }, m: EntityManager): Promise<Date> {
    const [row] = await m.query<Array<{ expires_at: Date }>>(
      `INSERT INTO "refresh_token" ("id", "session_id", "token_hash", "expires_at") VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING "expires_at"`,
      [t.id, t.sessionId, t.tokenHash, t.ttlSeconds],
    );
    return row.expires_at;
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenState | null> {
    const [row] = await this.dataSource.query<Array<{ id: string; session_id: string; user_id: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null }>>(
      `SELECT t."id", t."session_id", s."user_id", t."expires_at", t."used_at", s."revoked_at"
       FROM "refresh_token" t JOIN "auth_session" s ON s."id" = t."session_id" WHERE t."token_hash" = $1`,
      [tokenHash],
    );
    return row ? { id: row.id, sessionId: row.session_id, userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at, sessionRevokedAt: row.revoked_at } : null;
  }

  /** Marks the token used; false when another request used it first (a race counts as reuse). */
  async useRefreshToken(id: string, m: EntityManager): Promise<boolean> {
    const rows = returnedRows(await m.query(`UPDATE "refresh_token" SET "used_at" = now() WHERE "id" = $1 AND "used_at" IS NULL RETURNING "id"`, [id]));
    return rows.length === 1;
  }

  async revokeSession(id: string, reason: string, m?: EntityManager): Promise<boolean> {
    const rows = returnedRows(
      await this.db(m).query(`UPDATE "auth_session" SET "revoked_at" = now(), "revoked_reason" = $2 WHERE "id" = $1 AND "revoked_at" IS NULL RETURNING "id"`, [id, reason]),
    );
    return rows.length === 1;
  }

  async revokeSessionsOf(userId: string, reason: string, m?: EntityManager): Promise<number> {
    const rows = returnedRows(
      await this.db(m).query(`UPDATE "auth_session" SET "revoked_at" = now(), "revoked_reason" = $2 WHERE "user_id" = $1 AND "revoked_at" IS NULL RETURNING "id"`, [userId, reason]),
    );
    return rows.length;
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM "auth_session" WHERE "id" = $1 AND "user_id" = $2 AND "revoked_at" IS NULL`, [sessionId, userId]);
    return rows.length === 1;
  }
}
