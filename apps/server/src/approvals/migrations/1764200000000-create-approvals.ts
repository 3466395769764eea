import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval instances (pinned to the flow version they started with), their tasks (the
 * inbox reads these) and the timeline. Every action locks the instance row, so the
 * `version` column only double-checks that nobody wrote around the lock.
 */
export class CreateApprovals1764200000000 implements MigrationInterface {
  name = 'CreateApprovals1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "approval_instance" (
        "id" uuid NOT NULL,
        "flow" text NOT NULL,
        "flow_version" integer NOT NULL,
        "object" text NOT NULL,
        "record_id" uuid NOT NULL,
        "state" text NOT NULL,
        "outcome" text NULL,
        "current_step" text NULL,
        "submitted_by" uuid NOT NULL,
        "submitted_at" timestamptz NOT NULL,
        "finished_at" timestamptz NULL,
        "locks_record" boolean NOT NULL,
        "editable_fields" text[] NOT NULL DEFAULT '{}',
        "data" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "approval_instance_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "approval_instance_state_check" CHECK ("state" IN ('pending', 'finished')),
        CONSTRAINT "approval_instance_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('approved', 'rejected', 'returned', 'recalled'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_approval_instance_record" ON "approval_instance" ("object", "record_id", "submitted_at")`);
    // One pending instance of a flow per record: two submits racing cannot both win.
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_approval_instance_pending" ON "approval_instance" ("object", "record_id", "flow") WHERE "state" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "ix_approval_instance_submitter" ON "approval_instance" ("submitted_by", "submitted_at")`);

    await queryRunner.query(`
      CREATE TABLE "approval_task" (
        "id" uuid NOT NULL,
        "instance_id" uuid NOT NULL,
        "step" text NOT NULL,
        "round" integer NOT NULL,
        "slot" integer NOT NULL,
        "order" integer NOT NULL,
        "assignee" uuid NOT NULL,
        "state" text NOT NULL,
        "origin" text NOT NULL,
        "waiting_for" uuid NULL,
        "created_at" timestamptz NOT NULL,
        "acted_at" timestamptz NULL,
        "action" text NULL,
        "comment" text NULL,
        CONSTRAINT "approval_task_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "approval_task_instance_fkey" FOREIGN KEY ("instance_id") REFERENCES "approval_instance" ("id") ON DELETE CASCADE,
        CONSTRAINT "approval_task_order_unique" UNIQUE ("instance_id", "order")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_approval_task_inbox" ON "approval_task" ("assignee", "state", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_approval_task_handled" ON "approval_task" ("assignee", "acted_at") WHERE "acted_at" IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE "approval_event" (
        "id" uuid NOT NULL,
        "instance_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "object" text NOT NULL,
        "record_id" uuid NOT NULL,
        "type" text NOT NULL,
        "step" text NULL,
        "round" integer NULL,
        "task_id" uuid NULL,
        "actor_id" uuid NULL,
        "at" timestamptz NOT NULL,
        "comment" text NULL,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT "approval_event_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "approval_event_instance_fkey" FOREIGN KEY ("instance_id") REFERENCES "approval_instance" ("id") ON DELETE CASCADE,
        CONSTRAINT "approval_event_position_unique" UNIQUE ("instance_id", "position")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_approval_event_record" ON "approval_event" ("object", "record_id", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "approval_event"`);
    await queryRunner.query(`DROP TABLE "approval_task"`);
    await queryRunner.query(`DROP TABLE "approval_instance"`);
  }
}
