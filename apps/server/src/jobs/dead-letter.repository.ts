import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import type { JobData } from './job';

export interface DeadLetter {
  id: string;
  jobId: string;
  handler: string;
  key: string;
  data: JobData;
  error: string;
  attempts: number;
  failedAt: string;
  retriedAt: string | null;
  retries: number;
}

interface Row {
  id: string;
  job_id: string;
  handler: string;
  key: string;
  data: JobData;
  error: string;
  attempts: number;
  failed_at: Date;
  retried_at: Date | null;
  retries: number;
}

const toDeadLetter = (r: Row): DeadLetter => ({
  id: r.id,
  jobId: r.job_id,
  handler: r.handler,
  key: r.key,
  data: r.data,
  error: r.error,
  attempts: r.attempts,
  failedAt: new Date(r.failed_at).toISOString(),
  retriedAt: r.retried_at ? new Date(r.retried_at).toISOString() : null,
  retries: r.retries,
});

type Db = EntityManager | DataSource;

/** Every statement on `job_dead_letter`. */
@Injectable()
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(db: Db | undefined, entry: { jobId: string; handler: string; data: JobData; error: string; attempts: number }): Promise<string> {
    const id = uuidv7();
    await (db ?? this.dataSource).query(
      `INSERT INTO "job_dead_letter" ("id", "job_id", "handler", "key", "data", "error", "attempts") VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [id, entry.jobId, entry.handler, entry.data.key, JSON.stringify(entry.data), entry.error.slice(0, 4000), entry.attempts],
    );
    return id;
  }

  /** Newest first; `open` leaves out those retried already. */
  async list(opts: { open: boolean; handler?: string; limit: number }): Promise<DeadLetter[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (opts.open) where.push(`"retried_at" IS NULL`);
    if (opts.handler) where.push(`"handler" = $${values.push(opts.handler)}`);
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM "job_dead_letter" ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "failed_at" DESC, "id" DESC LIMIT $${values.push(opts.limit)}`,
      values,
    );
    return rows.map(toDeadLetter);
  }

  async find(id: string): Promise<DeadLetter | undefined> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM "job_dead_letter" WHERE "id" = $1::uuid`, [id]);
    return rows[0] && toDeadLetter(rows[0]);
  }

  /** Claims an open dead letter for a retry (once, even when two admins click); undefined when it was retried already. */
  async markRetried(m: EntityManager, id: string): Promise<DeadLetter | undefined> {
    const [rows]: [Row[], number] = await m.query(
      `UPDATE "job_dead_letter" SET "retried_at" = now(), "retries" = "retries" + 1 WHERE "id" = $1::uuid AND "retried_at" IS NULL RETURNING *`,
      [id],
    );
    return rows[0] && toDeadLetter(rows[0]);
  }

  /** How many times jobs of this key were dead-lettered before (names the next retry). */
  async timesFor(db: Db, handler: string, key: string): Promise<number> {
    const rows = await db.query(`SELECT count(*)::int AS n FROM "job_dead_letter" WHERE "handler" = $1 AND "key" = $2`, [handler, key]);
    return rows[0].n;
  }
}
