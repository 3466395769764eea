import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved list views: a user's named filters, sort and columns of one object's list.
 * Private to their user; a name is unique per user and object (the unique index also
 * serves "my views of this object"). Users are never deleted, only disabled.
 */
export class CreateSavedView1764310000000 implements MigrationInterface {
  name = 'CreateSavedView1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "saved_view" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "object" text NOT NULL,
        "name" text NOT NULL,
        "definition" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "saved_view_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "saved_view_name_unique" UNIQUE ("user_id", "object", "name")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "saved_view"`);
  }
}
