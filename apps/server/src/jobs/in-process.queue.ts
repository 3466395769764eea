import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { DataSource, type EntityManager } from 'typeorm';
import { PollLoop } from '../common/poll-loop';
import { uuidv7 } from '../common/uuid7';
import type { JobData, NewJob } from './job';
import type { JobQueue } from './job-queue';
import type { JobRunner } from './job.runner';

interface JobRow {
  id: string;
  job_id: string;
  handler: string;
  data: JobData;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
}

const BATCH = 20;
const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * The queue without Redis: jobs are rows of `job`. A poller claims due rows (FOR UPDATE
 * SKIP LOCKED, then a claim that expires after lockMs), runs them outside any
 * transaction, deletes them when done and reschedules them with exponential backoff when
 * not. A process killed mid-job leaves its claim to expire; the job runs again and its
 * handler's idempotency mark keeps the effect single.
 */
export class InProcessQueue implements JobQueue {
  readonly driver = 'in-process' as const;
  private readonly logger = new Logger('Jobs');
  private readonly instance = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly loop = new PollLoop(
    () => this.tick(),
    () => this.settings.pollMs,
    (message) => this.logger.error(`job poll failed: ${message}`),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: JobRunner,
    private readonly settings: { pollMs: number; lockMs: number },
  ) {}

  async enqueue(m: EntityManager | undefined, jobs: readonly NewJob[]): Promise<void> {
    const db = m ?? this.dataSource;
    for (const j of jobs) {
      await db.query(
        `INSERT INTO "job" ("id", "job_id", "handler", "key", "data", "max_attempts", "backoff_ms") VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT ("job_id") DO NOTHING`,
        [uuidv7(), j.jobId, j.handler, j.data.key, JSON.stringify(j.data), j.attempts, j.backoffMs],
      );
    }
  }

  ready(): boolean {
    return true;
  }

  startConsumer(): void {
    this.loop.start();
  }

  close(): Promise<void> {
    return this.loop.stop();
  }

  /** Runs the due jobs now; resolves to how many ran. */
  runDue(): Promise<number> {
    return this.loop.runNow();
  }

  private async tick(): Promise<number> {
    const [rows]: [JobRow[], number] = await this.dataSource.query(
      `UPDATE "job" SET "locked_by" = $1, "locked_until" = clock_timestamp() + ($2::int * interval '1 millisecond'), "attempts" = "attempts" + 1
       WHERE "id" IN (SELECT "id" FROM "job" WHERE "run_at" <= now() AND ("locked_until" IS NULL OR "locked_until" < clock_timestamp())
                      ORDER BY "run_at", "id" LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "job_id", "handler", "data", "attempts", "max_attempts", "backoff_ms"`,
      [this.instance, this.settings.lockMs, BATCH],
    );
    for (const row of rows) {
      if (this.loop.stopped) break;
      await this.runOne(row);
    }
    return rows.length;
  }

  private async runOne(row: JobRow): Promise<void> {
    const attempt = Number(row.attempts);
    const final = attempt >= Number(row.max_attempts);
    try {
      await this.runner.run({ jobId: row.job_id, handler: row.handler, data: row.data, attempt, final });
      await this.dataSource.query(`DELETE FROM "job" WHERE "id" = $1 AND "locked_by" = $2`, [row.id, this.instance]);
    } catch (error) {
      const backoff = Math.min(MAX_BACKOFF_MS, Number(row.backoff_ms) * 2 ** (attempt - 1));
      await this.dataSource.query(
        `UPDATE "job" SET "run_at" = now() + ($2::int * interval '1 millisecond'), "locked_by" = NULL, "locked_until" = NULL, "last_error" = $3 WHERE "id" = $1 AND "locked_by" = $4`,
        [row.id, backoff, (error instanceof Error ? error.message : String(error)).slice(0, 2000), this.instance],
      );
    }
  }
}
