import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The designer's working copy of the metadata (one row per draft id; `current` is the shared one). */
export class CreateMetadataDraft1764160001000 implements MigrationInterface {
  name = 'CreateMetadataDraft1764160001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "metadata_draft" (
        "id" text NOT NULL,
        "documents" jsonb NOT NULL,
        "base_version" integer NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "updated_by" text NULL,
        CONSTRAINT "metadata_draft_pkey" PRIMARY KEY ("id")
      )`);
    // Object tables live apart from platform tables (see libs/engine table.names.ts).
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "data"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "metadata_draft"`);
  }
}
