import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs fed from the outbox:
 * - `job_processed`: one row per (handler, idempotency key) whose effect committed, written
 *   in the same transaction as the effect, so a redelivered job changes nothing twice;
 * - `job_dead_letter`: jobs that used up their tries, for the admin to see and retry;
 * - `job`: the in-process queue (no REDIS_URL): due time, tries, and a claim that
 *   expires, so a job of a killed process runs again.
 */
export class CreateJobs1764210000000 implements MigrationInterface {
  name = 'CreateJobs1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "job_processed" (
        "handler" text NOT NULL,
        "key" text NOT NULL,
        "processed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "job_processed_pkey" PRIMARY KEY ("handler", "key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "job_dead_letter" (
        "id" uuid NOT NULL,
        "job_id" text NOT NULL,
        "handler" text NOT NULL,
        "key" text NOT NULL,
        "data" jsonb NOT NULL,
        "error" text NOT NULL,
        "attempts" integer NOT NULL,
        "failed_at" timestamptz NOT NULL DEFAULT now(),
        "retried_at" timestamptz NULL,
        "retries" integer NOT NULL DEFAULT 0,
        CONSTRAINT "job_dead_letter_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_job_dead_letter_open" ON "job_dead_letter" ("failed_at" DESC) WHERE "retried_at" IS NULL`);
    await queryRunner.query(`
      CREATE TABLE "job" (
        "id" uuid NOT NULL,
        "job_id" text NOT NULL,
        "handler" text NOT NULL,
        "key" text NOT NULL,
        "data" jsonb NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL,
        "backoff_ms" integer NOT NULL,
        "run_at" timestamptz NOT NULL DEFAULT now(),
        "locked_by" text NULL,
        "locked_until" timestamptz NULL,
        "last_error" text NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "job_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "uq_job_job_id" UNIQUE ("job_id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_job_due" ON "job" ("run_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job"`);
    await queryRunner.query(`DROP TABLE "job_dead_letter"`);
    await queryRunner.query(`DROP TABLE "job_processed"`);
  }
}
