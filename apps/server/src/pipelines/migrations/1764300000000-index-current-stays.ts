import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Current stays by stage: analytics finds the stays of lost and won records (where a
 * lost record was lost from, when a record was won) and the stays past a stage's
 * timeout without reading the whole history; the included columns make those
 * index-only scans.
 */
export class IndexCurrentStays1764300000000 implements MigrationInterface {
  name = 'IndexCurrentStays1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_stage_history_current_stage" ON "stage_history" ("object", "stage") INCLUDE ("record_id", "from_stage", "entered_at") WHERE "exited_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_stage_history_current_stage"`);
  }
}
