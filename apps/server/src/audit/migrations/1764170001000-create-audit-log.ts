import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security events, append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, so not
 * even a bug (or a careless admin with psql and the app's role) rewrites history.
 */
export class CreateAuditLog1764170001000 implements MigrationInterface {
  name = 'CreateAuditLog1764170001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" uuid NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "action" text NOT NULL,
        "actor_id" uuid NULL,
        "actor_name" text NULL,
        "target_type" text NULL,
        "target_id" text NULL,
        "details" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "ip" text NULL,
        "request_id" text NULL,
        CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "audit_log_action_idx" ON "audit_log" ("action", "id")`);
    await queryRunner.query(`CREATE INDEX "audit_log_actor_idx" ON "audit_log" ("actor_id", "id")`);
    await queryRunner.query(`CREATE INDEX "audit_log_target_idx" ON "audit_log" ("target_type", "target_id", "id")`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_change" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_append_only"()`);
  }
}
