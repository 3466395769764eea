import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications. Title and body are localized labels, shown in the reader's
 * language. `dedupe_key` makes a redelivered cause (a re-run timer or event) notify once.
 */
export class CreateNotification1764190001000 implements MigrationInterface {
  name = 'CreateNotification1764190001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notification" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "title" jsonb NOT NULL,
        "body" jsonb NULL,
        "object" text NULL,
        "record_id" uuid NULL,
        "source" text NULL,
        "dedupe_key" text NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "read_at" timestamptz NULL,
        CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_notification_user" ON "notification" ("user_id", "created_at" DESC)`);
    await queryRunner.query(`CREATE INDEX "ix_notification_unread" ON "notification" ("user_id") WHERE "read_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_notification_dedupe" ON "notification" ("user_id", "dedupe_key") WHERE "dedupe_key" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
