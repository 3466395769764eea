import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments: one row per uploaded file of a record's attachment field. The bytes
 * live on the storage driver under `storage_key`; the row keeps what the bytes were
 * (size, SHA-256) when they were stored. Deleting a file sets `deleted_at` and keeps
 * the bytes (history, restore); live-row indexes serve lists and stage-gate counts.
 */
export class CreateFileAttachment1764175000000 implements MigrationInterface {
  name = 'CreateFileAttachment1764175000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "file_attachment" (
        "id" uuid NOT NULL,
        "object" text NOT NULL,
        "record_id" uuid NOT NULL,
        "field" text NOT NULL,
        "category" text NULL,
        "file_name" text NOT NULL,
        "mime_type" text NOT NULL,
        "size" bigint NOT NULL,
        "sha256" text NOT NULL,
        "storage_key" text NOT NULL,
        "uploaded_by" uuid NULL,
        "uploaded_at" timestamptz NOT NULL DEFAULT now(),
        "deleted_at" timestamptz NULL,
        "deleted_by" uuid NULL,
        "note" text NULL,
        CONSTRAINT "file_attachment_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "file_attachment_storage_key_key" UNIQUE ("storage_key"),
        CONSTRAINT "file_attachment_object_check" CHECK ("object" ~ '^[a-z][a-z0-9_]{0,62}$'),
        CONSTRAINT "file_attachment_field_check" CHECK ("field" ~ '^[a-z][a-z0-9_]{0,62}$'),
        CONSTRAINT "file_attachment_category_check" CHECK ("category" ~ '^[a-z][a-z0-9_]{0,62}$'),
        CONSTRAINT "file_attachment_size_check" CHECK ("size" > 0),
        CONSTRAINT "file_attachment_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
      )`);
    await queryRunner.query(
      `CREATE INDEX "file_attachment_record_idx" ON "file_attachment" ("object", "record_id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "file_attachment_category_idx" ON "file_attachment" ("object", "record_id", "category") WHERE "deleted_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "file_attachment"`);
  }
}
