import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import type { DueTimer, NewTimer } from './timer';

type Db = EntityManager | DataSource;

interface TimerRow {
  id: string;
  kind: string;
  due_at: Date;
  object: string | null;
  record_id: string | null;
  reference: Record<string, unknown>;
  payload: Record<string, unknown>;
  created_at: Date;
  attempts: number;
}

const toTimer = (r: TimerRow): DueTimer => ({
  id: r.id,
  kind: r.kind,
  dueAt: r.due_at,
  object: r.object,
  recordId: r.record_id,
  reference: r.reference,
  payload: r.payload,
  createdAt: r.created_at,
  attempts: Number(r.attempts),
});

/** Every statement on `timer`. Due times are computed on the database clock, the one clock every instance shares. */
@Injectable()
export class TimerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the timers; one whose key exists already is skipped. Returns the ids written. */
  async insert(m: EntityManager, timers: readonly NewTimer[]): Promise<string[]> {
    const ids: string[] = [];
    for (const t of timers) {
      const id = uuidv7();
      const rows = await m.query(
        `INSERT INTO "timer" ("id", "kind", "due_at", "object", "record_id", "reference", "payload", "key")
         VALUES ($1, $2, coalesce($9::timestamptz, now()) + $3::interval - coalesce($4::interval, interval '0'), $5, $6::uuid, $7::jsonb, $8::jsonb, $10)
         ON CONFLICT ("key") WHERE "key" IS NOT NULL DO NOTHING RETURNING "id"`,
        [id, t.kind, t.due.after, t.due.before ?? null, t.object ?? null, t.recordId ?? null, JSON.stringify(t.reference ?? {}), JSON.stringify(t.payload ?? {}), t.due.from ?? null, t.key ?? null],
      );
      if (rows.length) ids.push(id);
    }
    return ids;
  }

  /** Deletes a record's pending timers of one kind whose reference contains `reference` (one automation's timer). */
  async deletePendingMatching(m: EntityManager, kind: string, object: string, recordId: string, reference: Record<string, unknown>): Promise<number> {
    const [, count]: [unknown[], number] = await m.query(
      `DELETE FROM "timer" WHERE "kind" = $1 AND "object" = $2 AND "record_id" = $3::uuid AND "reference" @> $4::jsonb AND "fired_at" IS NULL`,
      [kind, object, recordId, JSON.stringify(reference)],
    );
    return count;
  }

  /** Whether a timer with this key exists (pending or fired). */
  async hasKey(db: Db, key: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM "timer" WHERE "key" = $1`, [key])).length > 0;
  }

  /** Deletes the pending timers of a record (of the given kinds); fired ones stay as a log. Returns how many. */
  async deletePending(m: EntityManager, object: string, recordId: string, kinds: readonly string[]): Promise<number> {
    // DELETE comes back from TypeORM as [rows, count].
    const [, count]: [unknown[], number] = await m.query(
      `DELETE FROM "timer" WHERE "object" = $1 AND "record_id" = $2::uuid AND "kind" = ANY($3::text[]) AND "fired_at" IS NULL`,
      [object, recordId, kinds],
    );
    return count;
  }

  /** Due timers of the given kinds, earliest first, without locking (the poller then claims them one by one). */
  async due(kinds: readonly string[], limit: number): Promise<DueTimer[]> {
    const rows: TimerRow[] = await this.dataSource.query(
      `SELECT "id", "kind", "due_at", "object", "record_id", "reference", "payload", "created_at", "attempts" FROM "timer"
       WHERE "fired_at" IS NULL AND "failed_at" IS NULL AND "due_at" <= now() AND "kind" = ANY($1::text[])
       ORDER BY "due_at", "id" LIMIT $2`,
      [kinds, limit],
    );
    return rows.map(toTimer);
  }

  /**
   * Claims one due timer for the caller's transaction: locks it unless another instance
   * holds it (SKIP LOCKED: passed over, never waited for) or has fired it meanwhile.
   * False when it is not this instance's to fire.
   */
  async claim(m: EntityManager, id: string, claimedBy: string): Promise<boolean> {
    const rows = await m.query(
      `SELECT "id" FROM "timer" WHERE "id" = $1 AND "fired_at" IS NULL AND "failed_at" IS NULL AND "due_at" <= now() FOR UPDATE SKIP LOCKED`,
      [id],
    );
    if (!rows[0]) return false;
    await m.query(`UPDATE "timer" SET "claimed_at" = clock_timestamp(), "claimed_by" = $2, "attempts" = "attempts" + 1 WHERE "id" = $1`, [id, claimedBy]);
    return true;
  }

  async markFired(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE "timer" SET "fired_at" = clock_timestamp(), "last_error" = NULL WHERE "id" = $1`, [id]);
  }

  /**
   * After a handler failed (its transaction rolled back): count the attempt, keep the
   * error, retry after `retryAfterMs`; give up (failed_at) at `maxAttempts`.
   */
  async markFailed(id: string, error: string, retryAfterMs: number, maxAttempts: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "timer" SET "attempts" = "attempts" + 1, "last_error" = $2, "due_at" = now() + ($3::int * interval '1 millisecond'),
         "failed_at" = CASE WHEN "attempts" + 1 >= $4 THEN now() END
       WHERE "id" = $1 AND "fired_at" IS NULL`,
      [id, error.slice(0, 2000), retryAfterMs, maxAttempts],
    );
  }

  /** Pending timers of a record (the read API shows when a stage times out). */
  async pendingFor(db: Db, object: string, recordId: string): Promise<DueTimer[]> {
    const rows: TimerRow[] = await db.query(
      `SELECT "id", "kind", "due_at", "object", "record_id", "reference", "payload", "created_at", "attempts" FROM "timer"
       WHERE "object" = $1 AND "record_id" = $2::uuid AND "fired_at" IS NULL AND "failed_at" IS NULL ORDER BY "due_at"`,
      [object, recordId],
    );
    return rows.map(toTimer);
  }
}
