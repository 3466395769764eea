import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Published metadata versions: immutable rows, one per publish, numbered 1, 2, 3… */
export class CreateMetadataVersion1764160000000 implements MigrationInterface {
  name = 'CreateMetadataVersion1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "metadata_version" (
        "id" uuid NOT NULL,
        "version" integer NOT NULL,
        "documents" jsonb NOT NULL,
        "checksum" text NOT NULL,
        "published_at" timestamptz NOT NULL DEFAULT now(),
        "published_by" text NULL,
        "note" text NULL,
        CONSTRAINT "metadata_version_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "metadata_version_version_key" UNIQUE ("version"),
        CONSTRAINT "metadata_version_version_check" CHECK ("version" > 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "metadata_version"`);
  }
}
