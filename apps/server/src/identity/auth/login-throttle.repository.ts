import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Fixed-window counters of sign-in attempts in `login_throttle`, shared by every instance. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one attempt for `key`; returns the count in the current window and the seconds until it ends. */
  async hit(key: string, windowSeconds: number): Promise<{ attempts: number; resetsInSeconds: number }> {
    const [row] = await this.dataSource.query<Array<{ attempts: number; resets_in: string }>>(
      `INSERT INTO "login_throttle" AS t ("key", "window_started_at", "attempts") VALUES ($1, now(), 1)
       ON CONFLICT ("key") DO UPDATE SET
         "attempts" = CASE WHEN t."window_started_at" <= now() - make_interval(secs => $2) THEN 1 ELSE t."attempts" + 1 END,
         "window_started_at" = CASE WHEN t."window_started_at" <= now() - make_interval(secs => $2) THEN now() ELSE t."window_started_at" END
       RETURNING "attempts", EXTRACT(EPOCH FROM ("window_started_at" + make_interval(secs => $2) - now())) AS "resets_in"`,
      [key, windowSeconds],
    );
    return { attempts: row.attempts, resetsInSeconds: Math.max(1, Math.ceil(Number(row.resets_in))) };
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "login_throttle" WHERE "key" = $1`, [key]);
  }

  /** Drops windows that ended long ago, so the table holds only recent clients. */
  async prune(olderThanSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM "login_throttle" WHERE "window_started_at" < now() - make_interval(secs => $1)`, [olderThanSeconds]);
  }
}
