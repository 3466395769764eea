import { Injectable } from '@nestjs/common';
import type { Label } from '@tessera/metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import type { NotificationMessage } from './notification';

export interface NotificationRow {
  id: string;
  user_id: string;
  title: Label;
  body: Label | null;
  object: string | null;
  record_id: string | null;
  source: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** Every statement on `notification`. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per recipient; a (user, dedupe key) that exists already is skipped. Returns the ids written. */
  async insert(m: EntityManager, userIds: readonly string[], message: NotificationMessage): Promise<string[]> {
    const ids: string[] = [];
    for (const userId of new Set(userIds)) {
      const rows = await m.query(
        `INSERT INTO "notification" ("id", "user_id", "title", "body", "object", "record_id", "source", "dedupe_key")
         VALUES ($1, $2::uuid, $3::jsonb, $4::jsonb, $5, $6::uuid, $7, $8)
         ON CONFLICT ("user_id", "dedupe_key") WHERE "dedupe_key" IS NOT NULL DO NOTHING RETURNING "id"`,
        [
          uuidv7(), userId, JSON.stringify(message.title), message.body ? JSON.stringify(message.body) : null,
          message.link?.object ?? null, message.link?.recordId ?? null, message.source ?? null, message.dedupeKey ?? null,
        ],
      );
      if (rows[0]) ids.push(rows[0].id);
    }
    return ids;
  }

  async listFor(userId: string, opts: { unreadOnly: boolean; limit: number; before?: string }): Promise<NotificationRow[]> {
    const where = [`"user_id" = $1::uuid`];
    const values: unknown[] = [userId];
    if (opts.unreadOnly) where.push(`"read_at" IS NULL`);
    if (opts.before) {
      values.push(opts.before);
      where.push(`"id" < $${values.length}::uuid`);
    }
    values.push(opts.limit);
    return this.dataSource.query(
      `SELECT "id", "user_id", "title", "body", "object", "record_id", "source", "created_at", "read_at" FROM "notification"
       WHERE ${where.join(' AND ')} ORDER BY "id" DESC LIMIT $${values.length}`,
      values,
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const rows = await this.dataSource.query(`SELECT count(*)::int AS n FROM "notification" WHERE "user_id" = $1::uuid AND "read_at" IS NULL`, [userId]);
    return rows[0].n;
  }

  /** Marks every unread notification of the user read; returns how many. */
  async markAllRead(userId: string): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(`UPDATE "notification" SET "read_at" = now() WHERE "user_id" = $1::uuid AND "read_at" IS NULL`, [userId]);
    return count;
  }

  /** Marks the user's own notification read; false when it is not theirs or does not exist. */
  async markRead(userId: string, id: string): Promise<NotificationRow | undefined> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [rows]: [NotificationRow[], number] = await this.dataSource.query(
      `UPDATE "notification" SET "read_at" = coalesce("read_at", now()) WHERE "id" = $1::uuid AND "user_id" = $2::uuid
       RETURNING "id", "user_id", "title", "body", "object", "record_id", "source", "created_at", "read_at"`,
      [id, userId],
    );
    return rows[0];
  }
}
