import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stage history and checklist state of records moving through pipelines.
 *
 * `stage_history` has one row per stay in a stage (a visit): entry and exit with user and
 * time, how the record got there (move kind, reason, comment). The open visit (no exit)
 * is the record's current stay; at most one per record. The overdue flag lives on the
 * visit (`overdue_at`): it belongs to one stay, clears by itself when the record leaves,
 * and stays in the history for "how often does this stage time out".
 */
export class CreatePipelines1764190002000 implements MigrationInterface {
  name = 'CreatePipelines1764190002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "stage_history" (
        "id" uuid NOT NULL,
        "object" text NOT NULL,
        "record_id" uuid NOT NULL,
        "pipeline" text NOT NULL,
        "stage" text NOT NULL,
        "from_stage" text NULL,
        "move" text NOT NULL,
        "entered_at" timestamptz NOT NULL DEFAULT now(),
        "entered_by" uuid NULL,
        "exited_at" timestamptz NULL,
        "exited_by" uuid NULL,
        "reason" text NULL,
        "comment" text NULL,
        "overdue_at" timestamptz NULL,
        CONSTRAINT "stage_history_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "stage_history_move_check" CHECK ("move" IN ('create', 'next', 'skip', 'back', 'won', 'lost'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_stage_history_record" ON "stage_history" ("object", "record_id", "entered_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_stage_history_open" ON "stage_history" ("object", "record_id") WHERE "exited_at" IS NULL`);
    // Overdue lists and dashboards: open visits that timed out.
    await queryRunner.query(`CREATE INDEX "ix_stage_history_overdue" ON "stage_history" ("object", "overdue_at") WHERE "exited_at" IS NULL AND "overdue_at" IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "checklist_item_state" (
        "object" text NOT NULL,
        "record_id" uuid NOT NULL,
        "item" text NOT NULL,
        "done_at" timestamptz NOT NULL DEFAULT now(),
        "done_by" uuid NULL,
        "evidence" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT "checklist_item_state_pkey" PRIMARY KEY ("object", "record_id", "item")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "checklist_item_state"`);
    await queryRunner.query(`DROP TABLE "stage_history"`);
  }
}
