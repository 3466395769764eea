import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Every statement on `job_processed`. */
@Injectable()
export class JobProcessedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Marks (handler, key) done in the caller's transaction; false when it was done already (or is being done: the row lock waits). */
  async mark(m: EntityManager, handler: string, key: string): Promise<boolean> {
    const rows = await m.query(`INSERT INTO "job_processed" ("handler", "key") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING "key"`, [handler, key]);
    return rows.length > 0;
  }

  async has(handler: string, key: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM "job_processed" WHERE "handler" = $1 AND "key" = $2`, [handler, key]);
    return rows.length > 0;
  }

  async count(handler: string, keyPrefix: string): Promise<number> {
    const rows = await this.dataSource.query(`SELECT count(*)::int AS n FROM "job_processed" WHERE "handler" = $1 AND "key" LIKE $2`, [handler, `${keyPrefix.replace(/[\\%_]/g, '\\$&')}%`]);
    return rows[0].n;
  }
}
