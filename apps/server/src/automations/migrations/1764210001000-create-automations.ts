import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `automation_run`: one row per automation run (or try): trigger, record, outcome,
 *   duration, error; the run log admins read.
 * - `assignment_cursor`: the position of each round-robin pool, bumped under a row lock
 *   in the run's transaction, so concurrent assignments take turns exactly.
 */
export class CreateAutomations1764210001000 implements MigrationInterface {
  name = 'CreateAutomations1764210001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "automation_run" (
        "id" uuid NOT NULL,
        "automation" text NOT NULL,
        "object" text NOT NULL,
        "record_id" uuid NULL,
        "event_id" uuid NULL,
        "event_type" text NOT NULL,
        "trigger" text NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('succeeded', 'skipped', 'failed', 'stopped')),
        "depth" integer NOT NULL DEFAULT 0,
        "attempt" integer NOT NULL DEFAULT 1,
        "effects" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "error" jsonb NULL,
        "started_at" timestamptz NOT NULL,
        "duration_ms" integer NOT NULL,
        CONSTRAINT "automation_run_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_automation_run_automation" ON "automation_run" ("automation", "started_at" DESC)`);
    await queryRunner.query(`CREATE INDEX "ix_automation_run_record" ON "automation_run" ("object", "record_id")`);
    await queryRunner.query(`
      CREATE TABLE "assignment_cursor" (
        "key" text NOT NULL,
        "position" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "assignment_cursor_pkey" PRIMARY KEY ("key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assignment_cursor"`);
    await queryRunner.query(`DROP TABLE "automation_run"`);
  }
}
