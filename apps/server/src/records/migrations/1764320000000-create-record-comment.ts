import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on records (the timeline's conversation): who said what when. Soft-deleted by
 * their author so the timeline never silently rewrites itself; one index serves a
 * record's comments in order.
 */
export class CreateRecordComment1764320000000 implements MigrationInterface {
  name = 'CreateRecordComment1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "record_comment" (
        "id" uuid NOT NULL,
        "object" text NOT NULL,
        "record_id" uuid NOT NULL,
        "author_id" uuid NOT NULL,
        "body" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "deleted_at" timestamptz NULL,
        CONSTRAINT "record_comment_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "record_comment_body_check" CHECK (length("body") BETWEEN 1 AND 5000)
      )`);
    await queryRunner.query(`CREATE INDEX "ix_record_comment_record" ON "record_comment" ("object", "record_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "record_comment"`);
  }
}
