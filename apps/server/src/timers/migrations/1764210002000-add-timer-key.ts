import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An optional unique key per timer: a cron schedule writes the timer of its next
 * occurrence under (automation, occurrence time), so every instance may try to write it
 * and only one row exists: each occurrence fires once however many instances run.
 */
export class AddTimerKey1764210002000 implements MigrationInterface {
  name = 'AddTimerKey1764210002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "timer" ADD COLUMN "key" text NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_timer_key" ON "timer" ("key") WHERE "key" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ux_timer_key"`);
    await queryRunner.query(`ALTER TABLE "timer" DROP COLUMN "key"`);
  }
}
