import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewUser } from './user.repository';

/** Multi-row statements on `app_user` and `user_role` for imports (hundreds of users in one go). */
@Injectable()
export class UserBulkRepository {
  /** Ids by lower-cased username of the users among `usernames` that exist. */
  async idsByUsername(usernames: readonly string[], m: EntityManager): Promise<Map<string, { id: string; orgUnitId: string | null }>> {
    if (usernames.length === 0) return new Map();
    const rows = await m.query<Array<{ id: string; u: string; org_unit_id: string | null }>>(
      `SELECT "id", lower("username") AS "u", "org_unit_id" FROM "app_user" WHERE lower("username") = ANY($1::text[])`,
      [usernames.map((u) => u.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.u, { id: r.id, orgUnitId: r.org_unit_id }]));
  }

  /** Inserts users whose username is free and their roles; returns the ids inserted. */
  async insertMany(users: ReadonlyArray<NewUser & { roles: readonly string[] }>, m: EntityManager): Promise<string[]> {
    const inserted: string[] = [];
    for (let start = 0; start < users.length; start += 500) {
      const batch = users.slice(start, start + 500);
      const params: unknown[] = [];
      const add = (v: unknown) => `$${params.push(v)}`;
      const tuples = batch.map((u) => `(${add(u.id)}::uuid, ${add(u.username)}, ${add(u.displayName)}, ${add(u.passwordHash)}, ${add(u.orgUnitId)}::uuid, ${add(u.locale)})`);
      const rows = await m.query<Array<{ id: string }>>(
        `INSERT INTO "app_user" ("id", "username", "display_name", "password_hash", "org_unit_id", "locale") VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING "id"`,
        params,
      );
      const ids = new Set(rows.map((r) => r.id));
      const grants = batch.filter((u) => ids.has(u.id)).flatMap((u) => u.roles.map((r) => [u.id, r] as const));
      if (grants.length > 0) {
        const gp: unknown[] = [];
        const g = (v: unknown) => `$${gp.push(v)}`;
        await m.query(`INSERT INTO "user_role" ("user_id", "role_key") VALUES ${grants.map(([id, r]) => `(${g(id)}::uuid, ${g(r)})`).join(', ')} ON CONFLICT DO NOTHING`, gp);
      }
      inserted.push(...ids);
    }
    return inserted;
  }
}
