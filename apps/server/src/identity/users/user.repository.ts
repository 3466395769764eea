import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppUserEntity } from './app-user.entity';
import type { UserRecord } from './user';
import { UserRoleEntity } from './user-role.entity';
import { returnedRows } from '../sql-rows';

export interface UserListFilter {
  /** Substring of username or display name. */
  search?: string;
  orgUnitId?: string;
  roleKey?: string;
  disabled?: boolean;
  /** Keyset position: users with a greater id. */
  after?: string;
  limit: number;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string | null;
  orgUnitId: string | null;
  locale: 'zh-CN' | 'en';
}

const SELECT_USER = `
  SELECT u."id", u."username", u."display_name", u."org_unit_id", u."locale", u."disabled_at", u."locked_until",
         u."failed_logins", u."created_at", u."updated_at",
         COALESCE((SELECT array_agg(r."role_key" ORDER BY r."role_key") FROM "user_role" r WHERE r."user_id" = u."id"), '{}') AS "roles"
  FROM "app_user" u`;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  org_unit_id: string | null;
  locale: 'zh-CN' | 'en';
  disabled_at: Date | null;
  locked_until: Date | null;
  failed_logins: number;
  created_at: Date;
  updated_at: Date;
  roles: string[];
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgUnitId: row.org_unit_id,
    locale: row.locale,
    disabledAt: row.disabled_at,
    lockedUntil: row.locked_until,
    failedLogins: row.failed_logins,
    roles: row.roles,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every read and write of `app_user` and `user_role`. Pass a manager to act inside a transaction. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  async findById(id: string, m?: EntityManager): Promise<UserRecord | null> {
    const [row] = await this.db(m).query<UserRow[]>(`${SELECT_USER} WHERE u."id" = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async findByIds(ids: readonly string[], m?: EntityManager): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db(m).query<UserRow[]>(`${SELECT_USER} WHERE u."id" = ANY($1::uuid[]) ORDER BY u."id"`, [ids]);
    return rows.map(toRecord);
  }

  /** Case-insensitive, as sign-in is. */
  async findByUsername(username: string, m?: EntityManager): Promise<UserRecord | null> {
    const [row] = await this.db(m).query<UserRow[]>(`${SELECT_USER} WHERE lower(u."username") = lower($1)`, [username]);
    return row ? toRecord(row) : null;
  }

  async passwordHashOf(id: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ password_hash: string | null }>>(`SELECT "password_hash" FROM "app_user" WHERE "id" = $1`, [id]);
    return row?.password_hash ?? null;
  }

  async list(filter: UserListFilter): Promise<UserRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    if (filter.search) {
      const like = add(`%${filter.search.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`(u."username" ILIKE ${like} OR u."display_name" ILIKE ${like})`);
    }
    if (filter.orgUnitId) where.push(`u."org_unit_id" = ${add(filter.orgUnitId)}`);
    if (filter.roleKey) where.push(`EXISTS (SELECT 1 FROM "user_role" r WHERE r."user_id" = u."id" AND r."role_key" = ${add(filter.roleKey)})`);
    if (filter.disabled !== undefined) where.push(filter.disabled ? `u."disabled_at" IS NOT NULL` : `u."disabled_at" IS NULL`);
    if (filter.after) where.push(`u."id" > ${add(filter.after)}`);
    const sql = `${SELECT_USER} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u."id" LIMIT ${add(filter.limit)}`;
    return (await this.dataSource.query<UserRow[]>(sql, params)).map(toRecord);
  }

  /** Inserts the user unless the username is taken (any case); false when taken. */
  async insert(user: NewUser, roles: readonly string[], m: EntityManager): Promise<boolean> {
    const inserted = await m.query<Array<{ id: string }>>(
      `INSERT INTO "app_user" ("id", "username", "display_name", "password_hash", "org_unit_id", "locale")
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING "id"`,
      [user.id, user.username, user.displayName, user.passwordHash, user.orgUnitId, user.locale],
    );
    if (inserted.length === 0) return false;
    await this.setRoles(user.id, roles, m);
    return true;
  }

  async update(id: string, patch: Partial<Pick<AppUserEntity, 'displayName' | 'orgUnitId' | 'locale'>>, m?: EntityManager): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db(m).update(AppUserEntity, { id }, { ...patch, updatedAt: () => 'now()' });
  }

  async setRoles(id: string, roles: readonly string[], m: EntityManager): Promise<void> {
    await m.delete(UserRoleEntity, { userId: id });
    if (roles.length > 0) await m.insert(UserRoleEntity, roles.map((roleKey) => ({ userId: id, roleKey })));
  }

  async setPassword(id: string, passwordHash: string, m?: EntityManager): Promise<void> {
    await this.db(m).query(
      `UPDATE "app_user" SET "password_hash" = $2, "failed_logins" = 0, "locked_until" = NULL, "updated_at" = now() WHERE "id" = $1`,
      [id, passwordHash],
    );
  }

  async setDisabled(id: string, disabled: boolean, m?: EntityManager): Promise<void> {
    await this.db(m).query(
      disabled
        ? `UPDATE "app_user" SET "disabled_at" = COALESCE("disabled_at", now()), "updated_at" = now() WHERE "id" = $1`
        : `UPDATE "app_user" SET "disabled_at" = NULL, "failed_logins" = 0, "locked_until" = NULL, "updated_at" = now() WHERE "id" = $1`,
      [id],
    );
  }

  /**
   * Counts a wrong password; the `maxFailures`-th in a row locks the user for
   * `lockSeconds` and restarts the count. One statement, so concurrent attempts
   * cannot both slip under the limit.
   */
  async recordFailedLogin(id: string, maxFailures: number, lockSeconds: number): Promise<{ lockedUntil: Date | null }> {
    const [row] = returnedRows<{ locked_until: Date | null }>(await this.dataSource.query(
      `UPDATE "app_user" SET
         "locked_until" = CASE WHEN "failed_logins" + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE "locked_until" END,
         "failed_logins" = CASE WHEN "failed_logins" + 1 >= $2 THEN 0 ELSE "failed_logins" + 1 END
       WHERE "id" = $1 RETURNING "locked_until"`,
      [id, maxFailures, lockSeconds],
    ));
    const lockedUntil = row?.locked_until ?? null;
    return { lockedUntil: lockedUntil && lockedUntil > new Date() ? lockedUntil : null };
  }

  async recordSuccessfulLogin(id: string, m?: EntityManager): Promise<void> {
    await this.db(m).query(`UPDATE "app_user" SET "failed_logins" = 0, "locked_until" = NULL WHERE "id" = $1 AND ("failed_logins" <> 0 OR "locked_until" IS NOT NULL)`, [id]);
  }

  async moveToUnit(ids: readonly string[], orgUnitId: string | null, m: EntityManager): Promise<void> {
    await m.query(`UPDATE "app_user" SET "org_unit_id" = $2, "updated_at" = now() WHERE "id" = ANY($1::uuid[])`, [ids, orgUnitId]);
  }

  /** Enabled users holding `roleKey`, optionally only those in `unitIds`. */
  async withRole(roleKey: string, unitIds?: readonly string[]): Promise<UserRecord[]> {
    const params: unknown[] = [roleKey];
    let sql = `${SELECT_USER} WHERE u."disabled_at" IS NULL AND EXISTS (SELECT 1 FROM "user_role" r WHERE r."user_id" = u."id" AND r."role_key" = $1)`;
    if (unitIds) {
      params.push(unitIds);
      sql += ` AND u."org_unit_id" = ANY($2::uuid[])`;
    }
    return (await this.dataSource.query<UserRow[]>(`${sql} ORDER BY u."id"`, params)).map(toRecord);
  }

  /** Enabled users placed in one of the units, by id. */
  async inUnits(unitIds: readonly string[]): Promise<UserRecord[]> {
    if (unitIds.length === 0) return [];
    return (await this.dataSource.query<UserRow[]>(`${SELECT_USER} WHERE u."disabled_at" IS NULL AND u."org_unit_id" = ANY($1::uuid[]) ORDER BY u."id"`, [unitIds])).map(toRecord);
  }

  /** Enabled holders of `roleKey` other than `exceptId` (to keep at least one admin). */
  async countOthersWithRole(roleKey: string, exceptId: string, m?: EntityManager): Promise<number> {
    const [{ n }] = await this.db(m).query<Array<{ n: string }>>(
      `SELECT count(*) AS "n" FROM "app_user" u JOIN "user_role" r ON r."user_id" = u."id"
       WHERE r."role_key" = $1 AND u."id" <> $2 AND u."disabled_at" IS NULL`,
      [roleKey, exceptId],
    );
    return Number(n);
  }
}
