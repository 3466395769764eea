import { Injectable } from '@nestjs/common';
import type { Field } from '@tessera/metadata';
import { qualifiedTable, quoteIdent, type FilterNode, type RowFilter } from '@tessera/engine';
import { DataSource, type EntityManager } from 'typeorm';
import { uuidv7 } from '../common/uuid7';
import { columnCast, filterSql, rowFilterSql } from './sql/record-filter.sql';
import { listSql, selectColumns, type SelectSpec } from './sql/record-select.sql';
import { SqlParams } from './sql/sql-params';
import { valueToDb, type RecordData } from './record-row.convert';

type Db = EntityManager | DataSource;

export interface HistoryEntry {
  object: string;
  recordId: string;
  version: number;
  action: 'create' | 'update' | 'delete' | 'restore' | 'transfer';
  changes: Array<{ field: string; old: unknown; new: unknown }>;
  actorId: string | null;
  requestId?: string | null;
  note?: Record<string, unknown> | null;
}

export interface HistoryRow extends Omit<HistoryEntry, 'requestId'> {
  id: string;
  at: Date;
}

/** TypeORM answers UPDATE … RETURNING with [rows, count] and INSERT … RETURNING with rows. */
const returned = (result: unknown): RecordData[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as RecordData[]));

const castOf = (field: Field | undefined) => columnCast(field) + (field?.type === 'multiselect' ? '[]' : '');

/**
 * Every statement on object tables (`data.*`), `record_history` and
 * `autonumber_counter`. Identifiers are metadata keys, quoted; values are bound.
 */
@Injectable()
export class RecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(spec: SelectSpec): Promise<RecordData[]> {
    const sql = listSql(spec);
    return this.dataSource.query(sql.text, sql.values);
  }

  /** One row in scope (live unless `withDeleted`), or undefined. */
  async find(db: Db, object: string, id: string, fields: Map<string, Field>, scope: RowFilter, opts: { lock?: boolean; withDeleted?: boolean } = {}): Promise<RecordData | undefined> {
    const p = new SqlParams();
    const cols = [...selectColumns(fields), 'deleted_at'].map(quoteIdent).join(', ');
    const where = [`"id" = ${p.add(id, 'uuid')}`, rowFilterSql(scope, p)];
    if (!opts.withDeleted) where.push('"deleted_at" IS NULL');
    const rows = await db.query(`SELECT ${cols} FROM ${qualifiedTable(object)} WHERE ${where.join(' AND ')}${opts.lock ? ' FOR UPDATE' : ''}`, p.values);
    return rows[0];
  }

  /** Whether a row exists at all (to tell 404 from 403). */
  async exists(db: Db, object: string, id: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM ${qualifiedTable(object)} WHERE "id" = $1::uuid AND "deleted_at" IS NULL`, [id]);
    return rows.length > 0;
  }

  async insert(m: EntityManager, object: string, values: RecordData, fields: Map<string, Field>): Promise<RecordData> {
    const p = new SqlParams();
    const keys = Object.keys(values);
    const placeholders = keys.map((k) => p.add(valueToDb(fields.get(k), values[k]), systemCast(k) ?? castOf(fields.get(k))));
    const cols = [...selectColumns(fields)].map(quoteIdent).join(', ');
    const rows = await m.query(
      `INSERT INTO ${qualifiedTable(object)} (${keys.map(quoteIdent).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${cols}`,
      p.values,
    );
    return rows[0];
  }

  /**
   * Inserts many rows in one statement (the bulk import path); columns are the union of
   * the rows' keys, a row without a key gets NULL there. Returns the stored rows.
   */
  async insertMany(m: EntityManager, object: string, rows: readonly RecordData[], fields: Map<string, Field>): Promise<RecordData[]> {
    if (rows.length === 0) return [];
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const p = new SqlParams();
    const tuples = rows.map((r) => `(${keys.map((k) => p.add(valueToDb(fields.get(k), r[k] ?? null), systemCast(k) ?? castOf(fields.get(k)))).join(', ')})`);
    const cols = [...selectColumns(fields)].map(quoteIdent).join(', ');
    return m.query(`INSERT INTO ${qualifiedTable(object)} (${keys.map(quoteIdent).join(', ')}) VALUES ${tuples.join(', ')} RETURNING ${cols}`, p.values);
  }

  /** Which of `keys` live records already hold in a duplicate-key column. */
  async existingDuplicateKeys(m: EntityManager, object: string, column: string, keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await m.query(`SELECT DISTINCT ${quoteIdent(column)} AS "k" FROM ${qualifiedTable(object)} WHERE ${quoteIdent(column)} = ANY($1::text[]) AND "deleted_at" IS NULL`, [keys]);
    return rows.map((r: { k: string }) => r.k);
  }

  /** Reserves `count` numbers of an autonumber scope at once; returns the last one. */
  async reserveAutonumbers(m: EntityManager, object: string, field: string, scope: string, count: number): Promise<number> {
    const rows = await m.query(
      `INSERT INTO "autonumber_counter" ("object", "field", "scope", "value") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("object", "field", "scope") DO UPDATE SET "value" = "autonumber_counter"."value" + $4
       RETURNING "value"`,
      [object, field, scope, count],
    );
    return Number(rows[0].value);
  }

  /** Applies changes and bumps the version; returns the new row. */
  async update(m: EntityManager, object: string, id: string, changes: RecordData, fields: Map<string, Field>, actorId: string | null): Promise<RecordData> {
    const p = new SqlParams();
    const sets = Object.entries(changes).map(([k, v]) => `${quoteIdent(k)} = ${p.add(valueToDb(fields.get(k), v), systemCast(k) ?? castOf(fields.get(k)))}`);
    sets.push('"version" = "version" + 1', '"updated_at" = now()', `"updated_by" = ${p.add(actorId, 'uuid')}`);
    const cols = [...selectColumns(fields), 'deleted_at'].map(quoteIdent).join(', ');
    return returned(await m.query(`UPDATE ${qualifiedTable(object)} SET ${sets.join(', ')} WHERE "id" = ${p.add(id, 'uuid')} RETURNING ${cols}`, p.values))[0];
  }

  /** Sets or clears the soft-delete mark (a version bump, like any write). */
  async setDeleted(m: EntityManager, object: string, id: string, deleted: boolean, actorId: string | null): Promise<number> {
    const rows = returned(
      await m.query(
        `UPDATE ${qualifiedTable(object)} SET "deleted_at" = ${deleted ? 'now()' : 'NULL'}, "version" = "version" + 1, "updated_at" = now(), "updated_by" = $2::uuid WHERE "id" = $1::uuid RETURNING "version"`,
        [id, actorId],
      ),
    );
    return Number(rows[0]?.version);
  }

  /** A live record with the same duplicate key, other than `exceptId`. */
  async findDuplicate(m: EntityManager, object: string, column: string, key: string, exceptId?: string): Promise<string | undefined> {
    // Serializes concurrent writers of the same key until commit, so two cannot both pass.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${object}\u001f${column}\u001f${key}`]);
    const rows = await m.query(
      `SELECT "id" FROM ${qualifiedTable(object)} WHERE ${quoteIdent(column)} = $1 AND "deleted_at" IS NULL${exceptId ? ' AND "id" <> $2::uuid' : ''} LIMIT 1`,
      exceptId ? [key, exceptId] : [key],
    );
    return rows[0]?.id;
  }

  /** The next number of an autonumber scope; the row lock makes concurrent writers take turns. */
  async nextAutonumber(m: EntityManager, object: string, field: string, scope: string): Promise<number> {
    const rows = await m.query(
      `INSERT INTO "autonumber_counter" ("object", "field", "scope", "value") VALUES ($1, $2, $3, 1)
       ON CONFLICT ("object", "field", "scope") DO UPDATE SET "value" = "autonumber_counter"."value" + 1
       RETURNING "value"`,
      [object, field, scope],
    );
    return Number(rows[0].value);
  }

  /** Live records of `object` whose relation `field` points at `id`. */
  async referencing(m: EntityManager, object: string, field: string, id: string, limit = 20): Promise<string[]> {
    const rows = await m.query(
      `SELECT "id" FROM ${qualifiedTable(object)} WHERE ${quoteIdent(field)} = $1::uuid AND "deleted_at" IS NULL LIMIT ${Number(limit)}`,
      [id],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** How many live records of `object` point at `id` through relation `via` and match `filter` (bound comparisons). */
  async countReferencing(db: Db, object: string, via: string, id: string, fields: Map<string, Field>, filter?: FilterNode): Promise<number> {
    const p = new SqlParams();
    const where = [`${quoteIdent(via)} = ${p.add(id, 'uuid')}`, '"deleted_at" IS NULL'];
    if (filter) where.push(filterSql(filter, fields, p));
    const rows = await db.query(`SELECT count(*)::int AS "n" FROM ${qualifiedTable(object)} WHERE ${where.join(' AND ')}`, p.values);
    return rows[0].n;
  }

  /**
   * When the record or (given `related`) a live record pointing at it through `via` last
   * changed: the latest updated_at among them. Undefined for no such live record.
   */
  async lastActivity(db: Db, object: string, id: string, related?: { object: string; via: string }): Promise<Date | undefined> {
    const others = related
      ? `, (SELECT max(c."updated_at") FROM ${qualifiedTable(related.object)} c WHERE c.${quoteIdent(related.via)} = r."id" AND c."deleted_at" IS NULL)`
      : '';
    const rows = await db.query(`SELECT greatest(r."updated_at"${others}) AS "at" FROM ${qualifiedTable(object)} r WHERE r."id" = $1::uuid AND r."deleted_at" IS NULL`, [id]);
    return rows[0]?.at ? new Date(rows[0].at) : undefined;
  }

  /** Live records of `object` owned by each of `ownerIds` that match `filter`, counted in SQL. */
  async countByOwner(db: Db, object: string, ownerIds: readonly string[], fields: Map<string, Field>, filter?: FilterNode): Promise<Record<string, number>> {
    const p = new SqlParams();
    const where = [`"owner_id" = ANY(${p.add(ownerIds, 'uuid[]')})`, '"deleted_at" IS NULL'];
    if (filter) where.push(filterSql(filter, fields, p));
    const rows: Array<{ owner_id: string; n: number }> = await db.query(
      `SELECT "owner_id", count(*)::int AS "n" FROM ${qualifiedTable(object)} WHERE ${where.join(' AND ')} GROUP BY "owner_id"`,
      p.values,
    );
    return Object.fromEntries(rows.map((r) => [r.owner_id, r.n]));
  }

  /** Ids of live records whose `field` equals `value` (bound, cast like the column), at most `limit`. */
  async idsWhere(db: Db, object: string, field: Field, value: unknown, limit = 2): Promise<string[]> {
    const p = new SqlParams();
    const rows = await db.query(
      `SELECT "id" FROM ${qualifiedTable(object)} WHERE ${quoteIdent(field.key)} = ${p.add(valueToDb(field, value), castOf(field))} AND "deleted_at" IS NULL ORDER BY "id" LIMIT ${Number(limit)}`,
      p.values,
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Clears a relation that points at a deleted record; returns the ids touched. */
  async clearReferences(m: EntityManager, object: string, field: string, id: string, actorId: string | null): Promise<Array<{ id: string; version: number }>> {
    const rows = await m.query(
      `UPDATE ${qualifiedTable(object)} SET ${quoteIdent(field)} = NULL, "version" = "version" + 1, "updated_at" = now(), "updated_by" = $2::uuid
       WHERE ${quoteIdent(field)} = $1::uuid AND "deleted_at" IS NULL RETURNING "id", "version"`,
      [id, actorId],
    );
    return returned(rows) as Array<{ id: string; version: number }>;
  }

  /**
   * Recomputes a rollup column of the given parents from their live children, in
   * SQL (no row loop in Node). `where` is a list of bound comparisons on the child.
   */
  async recomputeRollup(
    m: EntityManager,
    parent: string,
    rollup: { key: string; object: string; via: string; aggregate: 'count' | 'sum' | 'min' | 'max'; field?: string },
    where: (p: SqlParams) => string,
    parentIds: string[],
  ): Promise<void> {
    if (parentIds.length === 0) return;
    // Lock the parents first (in id order, so writers never deadlock), then aggregate in
    // a new statement: its snapshot then includes every child committed by writers that
    // held the lock before us. Aggregating under the lock wait itself would use the
    // older snapshot and lose their children.
    await m.query(`SELECT 1 FROM ${qualifiedTable(parent)} WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR UPDATE`, [parentIds]);
    const p = new SqlParams();
    const agg = rollup.aggregate === 'count' ? 'count(*)' : `${rollup.aggregate}(c.${quoteIdent(rollup.field!)})`;
    const filter = where(p);
    const empty = rollup.aggregate === 'count' || rollup.aggregate === 'sum' ? '0' : 'NULL';
    await m.query(
      `UPDATE ${qualifiedTable(parent)} AS t SET ${quoteIdent(rollup.key)} = coalesce((
         SELECT ${agg} FROM ${qualifiedTable(rollup.object)} AS c
         WHERE c.${quoteIdent(rollup.via)} = t."id" AND c."deleted_at" IS NULL${filter ? ` AND ${filter}` : ''}
       ), ${empty})
       WHERE t."id" = ANY(${p.add(parentIds, 'uuid[]')})`,
      p.values,
    );
  }

  async addHistory(m: EntityManager, entries: HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const p = new SqlParams();
    const rows = entries.map(
      (e) =>
        `(${p.add(uuidv7(), 'uuid')}, ${p.add(e.object)}, ${p.add(e.recordId, 'uuid')}, ${p.add(e.version, 'int')}, ${p.add(e.action)}, ${p.add(JSON.stringify(e.changes), 'jsonb')}, ${p.add(e.actorId, 'uuid')}, ${p.add(e.requestId ?? null)}, ${p.add(e.note ? JSON.stringify(e.note) : null, 'jsonb')})`,
    );
    await m.query(
      `INSERT INTO "record_history" ("id", "object", "record_id", "version", "action", "changes", "actor_id", "request_id", "note") VALUES ${rows.join(', ')}`,
      p.values,
    );
  }

  async history(object: string, recordId: string): Promise<HistoryRow[]> {
    const rows = await this.dataSource.query(
      `SELECT "id", "object", "record_id", "version", "action", "changes", "actor_id", "at", "note" FROM "record_history" WHERE "object" = $1 AND "record_id" = $2::uuid ORDER BY "at", "version", "id"`,
      [object, recordId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id, object: r.object, recordId: r.record_id, version: r.version, action: r.action, changes: r.changes, actorId: r.actor_id, at: r.at, note: r.note,
    })) as HistoryRow[];
  }

  newId(): string {
    return uuidv7();
  }
}

const SYSTEM_CASTS: Record<string, string> = {
  id: 'uuid', owner_id: 'uuid', org_unit_id: 'uuid', created_by: 'uuid', updated_by: 'uuid', version: 'int',
  created_at: 'timestamptz', updated_at: 'timestamptz',
};
function systemCast(key: string): string | undefined {
  return SYSTEM_CASTS[key] ?? (key.startsWith('_dup_') ? 'text' : undefined);
}
