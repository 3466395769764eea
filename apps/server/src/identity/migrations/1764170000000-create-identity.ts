import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, org units, role grants, sign-in sessions, API keys, login throttling and the
 * stored JWT secret. Keys of units and roles follow the metadata key pattern.
 */
export class CreateIdentity1764170000000 implements MigrationInterface {
  name = 'CreateIdentity1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "org_unit" (
        "id" uuid NOT NULL,
        "key" text NOT NULL,
        "label" jsonb NOT NULL,
        "parent_id" uuid NULL,
        "manager_user_id" uuid NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "org_unit_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "org_unit_key_key" UNIQUE ("key"),
        CONSTRAINT "org_unit_key_check" CHECK ("key" ~ '^[a-z][a-z0-9_]{0,62}$'),
        CONSTRAINT "org_unit_parent_check" CHECK ("parent_id" IS DISTINCT FROM "id"),
        CONSTRAINT "org_unit_parent_fkey" FOREIGN KEY ("parent_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "org_unit_parent_idx" ON "org_unit" ("parent_id")`);

    await queryRunner.query(`
      CREATE TABLE "app_user" (
        "id" uuid NOT NULL,
        "username" text NOT NULL,
        "display_name" text NOT NULL,
        "password_hash" text NULL,
        "org_unit_id" uuid NULL,
        "locale" text NOT NULL DEFAULT 'zh-CN',
        "disabled_at" timestamptz NULL,
        "failed_logins" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "app_user_locale_check" CHECK ("locale" IN ('zh-CN', 'en')),
        CONSTRAINT "app_user_org_unit_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT
      )`);
    // Sign-in is case-insensitive on the username, so uniqueness must be too.
    await queryRunner.query(`CREATE UNIQUE INDEX "app_user_username_key" ON "app_user" (lower("username"))`);
    await queryRunner.query(`CREATE INDEX "app_user_org_unit_idx" ON "app_user" ("org_unit_id")`);
    await queryRunner.query(
      `ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_manager_fkey" FOREIGN KEY ("manager_user_id") REFERENCES "app_user" ("id") ON DELETE SET NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "user_role" (
        "user_id" uuid NOT NULL,
        "role_key" text NOT NULL,
        CONSTRAINT "user_role_pkey" PRIMARY KEY ("user_id", "role_key"),
        CONSTRAINT "user_role_key_check" CHECK ("role_key" ~ '^[a-z][a-z0-9_]{0,62}$'),
        CONSTRAINT "user_role_user_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "user_role_role_idx" ON "user_role" ("role_key")`);

    // One session per sign-in: the family of its rotating refresh tokens. Revoking it
    // (logout, reuse of a rotated token, password reset) ends its access tokens too.
    await queryRunner.query(`
      CREATE TABLE "auth_session" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz NULL,
        "revoked_reason" text NULL,
        "ip" text NULL,
        "user_agent" text NULL,
        CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "auth_session_user_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "auth_session_user_idx" ON "auth_session" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "refresh_token" (
        "id" uuid NOT NULL,
        "session_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz NULL,
        CONSTRAINT "refresh_token_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "refresh_token_hash_key" UNIQUE ("token_hash"),
        CONSTRAINT "refresh_token_session_fkey" FOREIGN KEY ("session_id") REFERENCES "auth_session" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "refresh_token_session_idx" ON "refresh_token" ("session_id")`);

    await queryRunner.query(`
      CREATE TABLE "api_key" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "secret_hash" text NOT NULL,
        "roles" text[] NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "created_by" uuid NULL,
        "expires_at" timestamptz NULL,
        "last_used_at" timestamptz NULL,
        "revoked_at" timestamptz NULL,
        CONSTRAINT "api_key_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "api_key_prefix_key" UNIQUE ("prefix"),
        CONSTRAINT "api_key_user_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE
      )`);

    // Attempts per client IP and username in the current window, shared by every instance.
    await queryRunner.query(`
      CREATE TABLE "login_throttle" (
        "key" text NOT NULL,
        "window_started_at" timestamptz NOT NULL,
        "attempts" integer NOT NULL,
        CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "identity_secret" (
        "name" text NOT NULL,
        "value" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "identity_secret_pkey" PRIMARY KEY ("name")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['identity_secret', 'login_throttle', 'api_key', 'refresh_token', 'auth_session', 'user_role']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "org_unit_manager_fkey"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "org_unit"`);
  }
}
