import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform tables of the records module: field-level history of every write, and
 * the counters behind autonumber fields (object tables themselves are created by
 * publishing metadata, in the `data` schema).
 */
export class CreateRecordHistory1764160002000 implements MigrationInterface {
  name = 'CreateRecordHistory1764160002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "record_history" (
        "id" uuid NOT NULL,
        "object" text NOT NULL,
        "record_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "action" text NOT NULL,
        "changes" jsonb NOT NULL,
        "actor_id" uuid NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "request_id" text NULL,
        "note" jsonb NULL,
        CONSTRAINT "record_history_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_record_history_record" ON "record_history" ("object", "record_id", "at")`);
    await queryRunner.query(`
      CREATE TABLE "autonumber_counter" (
        "object" text NOT NULL,
        "field" text NOT NULL,
        "scope" text NOT NULL,
        "value" bigint NOT NULL,
        CONSTRAINT "autonumber_counter_pkey" PRIMARY KEY ("object", "field", "scope")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "autonumber_counter"`);
    await queryRunner.query(`DROP TABLE "record_history"`);
  }
}
