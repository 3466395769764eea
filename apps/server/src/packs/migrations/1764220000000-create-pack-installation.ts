import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Installed template packs, one row per pack name: the version installed, its manifest,
 * the documents it brought (path, kind:key and the document as imported) and whether its
 * demo data was loaded. Import, upgrade and export read it; ownership of published
 * documents (which pack a document belongs to) comes from here.
 */
export class CreatePackInstallation1764220000000 implements MigrationInterface {
  name = 'CreatePackInstallation1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "pack_installation" (
        "name" text NOT NULL,
        "version" text NOT NULL,
        "manifest" jsonb NOT NULL,
        "documents" jsonb NOT NULL,
        "checksum" text NOT NULL,
        "metadata_version" integer NOT NULL,
        "installed_at" timestamptz NOT NULL DEFAULT now(),
        "installed_by" uuid NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "demo_loaded_at" timestamptz NULL,
        CONSTRAINT "pack_installation_pkey" PRIMARY KEY ("name")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pack_installation"`);
  }
}
