import { Injectable } from '@nestjs/common';
import type { Label } from '@tessera/metadata';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrgUnitRecord } from './org-unit';

interface UnitRow {
  id: string;
  key: string;
  label: Label;
  parent_id: string | null;
  manager_user_id: string | null;
}

const toRecord = (r: UnitRow): OrgUnitRecord => ({ id: r.id, key: r.key, label: r.label, parentId: r.parent_id, managerUserId: r.manager_user_id });
const COLUMNS = `"id", "key", "label", "parent_id", "manager_user_id"`;

/** Every read and write of `org_unit`. Pass a manager to act inside a transaction. */
@Injectable()
export class OrgUnitRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  /**
   * Serializes changes to the tree's shape: two concurrent moves could each be
   * acyclic alone and form a cycle together. Readers are not blocked.
   */
  async lockTree(m: EntityManager): Promise<void> {
    await m.query(`LOCK TABLE "org_unit" IN SHARE ROW EXCLUSIVE MODE`);
  }

  async all(m?: EntityManager): Promise<OrgUnitRecord[]> {
    return (await this.db(m).query<UnitRow[]>(`SELECT ${COLUMNS} FROM "org_unit" ORDER BY "key"`)).map(toRecord);
  }

  async findById(id: string, m?: EntityManager): Promise<OrgUnitRecord | null> {
    const [row] = await this.db(m).query<UnitRow[]>(`SELECT ${COLUMNS} FROM "org_unit" WHERE "id" = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async findByKey(key: string, m?: EntityManager): Promise<OrgUnitRecord | null> {
    const [row] = await this.db(m).query<UnitRow[]>(`SELECT ${COLUMNS} FROM "org_unit" WHERE "key" = $1`, [key]);
    return row ? toRecord(row) : null;
  }

  /** The unit and every unit below it. */
  async descendantIds(id: string, m?: EntityManager): Promise<string[]> {
    const rows = await this.db(m).query<Array<{ id: string }>>(
      `WITH RECURSIVE below AS (
         SELECT "id" FROM "org_unit" WHERE "id" = $1
         UNION SELECT c."id" FROM "org_unit" c JOIN below b ON c."parent_id" = b."id")
       SELECT "id" FROM below`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  /** The unit, then its parent, up to the root, with managers. */
  async chain(id: string, m?: EntityManager): Promise<OrgUnitRecord[]> {
    const rows = await this.db(m).query<Array<UnitRow & { depth: number }>>(
      `WITH RECURSIVE up AS (
         SELECT ${COLUMNS}, 0 AS "depth" FROM "org_unit" WHERE "id" = $1
         UNION ALL SELECT p."id", p."key", p."label", p."parent_id", p."manager_user_id", up."depth" + 1
         FROM "org_unit" p JOIN up ON p."id" = up."parent_id" WHERE up."depth" < 1000)
       SELECT * FROM up ORDER BY "depth"`,
      [id],
    );
    return rows.map(toRecord);
  }

  async memberCounts(m?: EntityManager): Promise<Map<string, number>> {
    const rows = await this.db(m).query<Array<{ org_unit_id: string; n: string }>>(
      `SELECT "org_unit_id", count(*) AS "n" FROM "app_user" WHERE "org_unit_id" IS NOT NULL GROUP BY "org_unit_id"`,
    );
    return new Map(rows.map((r) => [r.org_unit_id, Number(r.n)]));
  }

  async insert(unit: OrgUnitRecord, m: EntityManager): Promise<void> {
    await m.query(`INSERT INTO "org_unit" (${COLUMNS}) VALUES ($1, $2, $3, $4, $5)`, [unit.id, unit.key, unit.label, unit.parentId, unit.managerUserId]);
  }

  async update(id: string, patch: Partial<Omit<OrgUnitRecord, 'id'>>, m: EntityManager): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const column = { key: 'key', label: 'label', parentId: 'parent_id', managerUserId: 'manager_user_id' } as const;
    for (const [k, col] of Object.entries(column) as Array<[keyof typeof column, string]>) {
      if (patch[k] !== undefined) sets.push(`"${col}" = $${params.push(patch[k])}`);
    }
    if (sets.length === 0) return;
    await m.query(`UPDATE "org_unit" SET ${sets.join(', ')}, "updated_at" = now() WHERE "id" = $1`, params);
  }

  async hasChildrenOrMembers(id: string, m: EntityManager): Promise<{ children: number; members: number }> {
    const [row] = await m.query<Array<{ children: string; members: string }>>(
      `SELECT (SELECT count(*) FROM "org_unit" WHERE "parent_id" = $1) AS "children",
              (SELECT count(*) FROM "app_user" WHERE "org_unit_id" = $1) AS "members"`,
      [id],
    );
    return { children: Number(row.children), members: Number(row.members) };
  }

  async delete(id: string, m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM "org_unit" WHERE "id" = $1`, [id]);
  }
}
