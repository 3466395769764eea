import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserError } from '../../common/errors/user.error';
import { uuidv7 } from '../../common/uuid7';
import type { Actor } from '../../identity/actor';
import { IdentityService } from '../../identity/identity.service';
import { OutboxService } from '../../outbox/outbox.service';
import { RecordReadService } from '../record-read.service';

export interface RecordComment {
  id: string;
  body: string;
  author: { id: string; name: string | null };
  createdAt: string;
  /** The caller wrote it (and may delete it). */
  mine: boolean;
}

const MAX_BODY = 5000;

/**
 * Comments on a record. Whoever may read the record may read and write its comments (the
 * read goes through the records module's row scope, so a record out of scope is 404);
 * an author deletes their own. A comment commits with its outbox event `record.commented`.
 */
@Injectable()
export class RecordCommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: RecordReadService,
    private readonly identity: IdentityService,
    private readonly outbox: OutboxService,
  ) {}

  async list(actor: Actor, object: string, recordId: string): Promise<RecordComment[]> {
    await this.reads.get(actor, object, recordId);
    const rows: Array<{ id: string; body: string; author_id: string; created_at: Date }> = await this.dataSource.query(
      `SELECT "id", "body", "author_id", "created_at" FROM "record_comment" WHERE "object" = $1 AND "record_id" = $2 AND "deleted_at" IS NULL ORDER BY "created_at", "id"`,
      [object, recordId],
    );
    const names = new Map((await this.identity.usersByIds([...new Set(rows.map((r) => r.author_id))])).map((u) => [u.id, u.displayName]));
    return rows.map((r) => ({ id: r.id, body: r.body, author: { id: r.author_id, name: names.get(r.author_id) ?? null }, createdAt: new Date(r.created_at).toISOString(), mine: r.author_id === actor.userId }));
  }

  async add(actor: Actor, object: string, recordId: string, input: { body?: unknown }): Promise<RecordComment> {
    const body = typeof input.body === 'string' ? input.body.trim() : '';
    if (!body || body.length > MAX_BODY) {
      throw new UserError({ status: 422, code: 'validation-failed', title: 'The comment is invalid', errors: [{ path: '/body', code: body ? 'maxLength' : 'required', message: body ? `at most ${MAX_BODY} characters` : 'write something' }] });
    }
    await this.reads.get(actor, object, recordId);
    const id = uuidv7();
    const createdAt = await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`INSERT INTO "record_comment" ("id", "object", "record_id", "author_id", "body") VALUES ($1, $2, $3, $4, $5) RETURNING "created_at"`, [id, object, recordId, actor.userId, body]);
      await this.outbox.append(m, [{ type: 'record.commented', object, recordId, payload: { commentId: id, body }, actorId: actor.userId }]);
      return new Date(row.created_at).toISOString();
    });
    return { id, body, author: { id: actor.userId, name: (await this.identity.user(actor.userId))?.displayName ?? null }, createdAt, mine: true };
  }

  async remove(actor: Actor, object: string, recordId: string, commentId: string): Promise<void> {
    await this.reads.get(actor, object, recordId);
    const [, count] = await this.dataSource.query(
      `UPDATE "record_comment" SET "deleted_at" = now() WHERE "id" = $1 AND "object" = $2 AND "record_id" = $3 AND "author_id" = $4 AND "deleted_at" IS NULL`,
      [commentId, object, recordId, actor.userId],
    );
    if (count === 0) throw new UserError({ status: 404, code: 'not-found', title: 'No such comment of yours', errors: [{ path: '', code: 'not-found', message: `comment ${commentId} not found` }] });
  }
}
