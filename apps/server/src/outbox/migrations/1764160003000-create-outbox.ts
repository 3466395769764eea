import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events written in the same transaction as the change that caused them; the relay
 * (jobs) hands undelivered ones to the queue. A committed change always has its
 * event, a rolled-back one never.
 */
export class CreateOutbox1764160003000 implements MigrationInterface {
  name = 'CreateOutbox1764160003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox_event" (
        "id" uuid NOT NULL,
        "type" text NOT NULL,
        "object" text NULL,
        "record_id" uuid NULL,
        "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "actor_id" uuid NULL,
        "request_id" text NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "dispatched_at" timestamptz NULL,
        CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_event_pending" ON "outbox_event" ("created_at") WHERE "dispatched_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_event_record" ON "outbox_event" ("object", "record_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_event"`);
  }
}
