import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable due times: stage timeouts and warnings today, approval SLAs and scheduled
 * automations next. A row is written in the transaction that makes it due (a stage
 * entry), deleted in the one that makes it moot (the exit), and fired in a transaction
 * that also writes the handler's effects, so a crash re-runs it and nothing fires twice.
 */
export class CreateTimer1764190000000 implements MigrationInterface {
  name = 'CreateTimer1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "timer" (
        "id" uuid NOT NULL,
        "kind" text NOT NULL,
        "due_at" timestamptz NOT NULL,
        "object" text NULL,
        "record_id" uuid NULL,
        "reference" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "claimed_at" timestamptz NULL,
        "claimed_by" text NULL,
        "fired_at" timestamptz NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text NULL,
        "failed_at" timestamptz NULL,
        CONSTRAINT "timer_pkey" PRIMARY KEY ("id")
      )`);
    // The poller's query: pending rows by due time.
    await queryRunner.query(`CREATE INDEX "ix_timer_due" ON "timer" ("due_at") WHERE "fired_at" IS NULL AND "failed_at" IS NULL`);
    // Cancelling a record's timers at a stage exit.
    await queryRunner.query(`CREATE INDEX "ix_timer_record" ON "timer" ("object", "record_id", "kind") WHERE "fired_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "timer"`);
  }
}
