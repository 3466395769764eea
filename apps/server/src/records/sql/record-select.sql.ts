import type { Field } from '@tessera/metadata';
import { fieldType, qualifiedTable, quoteIdent, SYSTEM_COLUMN_PLANS, SYSTEM_COLUMNS, SYSTEM_FIELDS, type ListQuery, type RowFilter } from '@tessera/engine';
import type { DerivedField } from '../record-derived-fields';
import { cursorSql, type Cursor } from './record-cursor';
import { columnCast, filterSql, rowFilterSql } from './record-filter.sql';
import { likeEscape, SqlParams } from './sql-params';

export interface SelectSpec {
  object: string;
  /** Visible fields with a column, by key (hidden and retired fields are absent). */
  fields: Map<string, Field>;
  /** Fields the text search looks in. */
  searchFields: string[];
  scope: RowFilter;
  query: ListQuery;
  cursor?: Cursor;
  /** Derived fields the filter may use (stage history facts). */
  derived?: ReadonlyMap<string, DerivedField>;
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** System columns that never hold NULL (a keyset page ascending on one can seek to it). */
const NOT_NULL_COLUMNS = new Set(SYSTEM_COLUMN_PLANS.filter((c) => !c.nullable).map((c) => c.name));

/** Every field of the map plus system fields, for casts and filters. */
export function withSystemFields(fields: Map<string, Field>): Map<string, Field> {
  return new Map([...SYSTEM_FIELDS.map((f) => [f.key, f] as const), ...fields]);
}

/** The columns a caller may read: system columns and visible fields that have one. */
export function selectColumns(fields: Map<string, Field>, only?: string[]): string[] {
  const cols = [...fields.values()].filter((f) => fieldType(f).column(f, { field: () => undefined })).map((f) => f.key);
  const chosen = only ? cols.filter((c) => only.includes(c)) : cols;
  return [...SYSTEM_COLUMNS.filter((c) => c !== 'deleted_at'), ...chosen];
}

/**
 * The SQL of one list page: live rows in the caller's scope, filtered, searched,
 * sorted with id as tie-breaker and keyset-paginated; one row more than the
 * limit tells whether another page exists.
 */
export function listSql(spec: SelectSpec): SqlStatement {
  const p = new SqlParams();
  const all = withSystemFields(spec.fields);
  const where = ['"deleted_at" IS NULL', rowFilterSql(spec.scope, p)];
  if (spec.query.filter) where.push(filterSql(spec.query.filter, all, p, spec.derived));
  if (spec.query.search && spec.searchFields.length > 0) {
    const term = p.add(`%${likeEscape(spec.query.search)}%`);
    where.push(`(${spec.searchFields.map((f) => `${quoteIdent(f)}::text ILIKE ${term}`).join(' OR ')})`);
  }
  if (spec.cursor) {
    const casts = spec.query.sort.map((s) => columnCast(all.get(s.field)));
    where.push(cursorSql(spec.query.sort, spec.cursor, casts, p, NOT_NULL_COLUMNS.has(spec.query.sort[0]?.field ?? '')));
  }
  const order = spec.query.sort.map((s) => `${quoteIdent(s.field)} ${s.direction === 'asc' ? 'ASC' : 'DESC'}`);
  // The sort fields are read even when `fields` leaves them out: the next page's cursor is made of them.
  const only = spec.query.fields && [...spec.query.fields, ...spec.query.sort.map((s) => s.field)];
  const cols = selectColumns(spec.fields, only).map(quoteIdent).join(', ');
  return {
    text: `SELECT ${cols} FROM ${qualifiedTable(spec.object)} WHERE ${where.join(' AND ')} ORDER BY ${[...order, `"id" ${spec.query.sort[0]?.direction === 'desc' ? 'DESC' : 'ASC'}`].join(', ')} LIMIT ${p.add(spec.query.limit + 1)}`,
    values: p.values,
  };
}
