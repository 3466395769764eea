import type { DuplicateRule, Field, ObjectDefinition } from '@tessera/metadata';
import type { ColumnSpec, FieldContext } from '../field-types/field-type';
import { fieldType } from '../field-types/field-type.registry';
import { duplicateColumn } from '../records/duplicate.key';
import { constraintName, tableName } from './table.names';

export interface ColumnPlan extends ColumnSpec {
  name: string;
  nullable: boolean;
  /** SQL default expression (system columns only; never user input). */
  default?: string;
  primary?: boolean;
}

export interface IndexPlan {
  name: string;
  columns: string[];
  unique: boolean;
  /** Unique indexes ignore soft-deleted rows. */
  liveOnly: boolean;
}

export type TableOp =
  | { op: 'createTable'; table: string; columns: ColumnPlan[] }
  | { op: 'addColumn'; table: string; column: ColumnPlan }
  | { op: 'alterColumnType'; table: string; column: ColumnPlan; from: ColumnSpec }
  | { op: 'setAllowed'; table: string; column: string; name: string; allowed: string[]; isArray: boolean }
  | { op: 'dropAllowed'; table: string; name: string }
  | { op: 'createIndex'; table: string; index: IndexPlan }
  | { op: 'dropIndex'; table: string; name: string }
  | { op: 'addForeignKey'; table: string; column: string; name: string; target: string; onDelete: 'RESTRICT' | 'SET NULL' }
  | { op: 'dropForeignKey'; table: string; name: string };

/**
 * Columns every object table has; see records/system-fields.ts for their meaning.
 * Times keep milliseconds only, so they round-trip exactly through JSON and cursors.
 */
export const SYSTEM_COLUMN_PLANS: ColumnPlan[] = [
  { name: 'id', type: 'uuid', nullable: false, primary: true },
  { name: 'version', type: 'integer', nullable: false, default: '1' },
  { name: 'owner_id', type: 'uuid', nullable: false },
  { name: 'org_unit_id', type: 'uuid', nullable: true },
  { name: 'created_at', type: 'timestamptz', precision: 3, nullable: false, default: 'now()' },
  { name: 'created_by', type: 'uuid', nullable: true },
  { name: 'updated_at', type: 'timestamptz', precision: 3, nullable: false, default: 'now()' },
  { name: 'updated_by', type: 'uuid', nullable: true },
  { name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true },
];

/** Indexes on system columns that lists, scopes and cursors use. */
const SYSTEM_INDEX_COLUMNS = [['owner_id'], ['org_unit_id'], ['created_at', 'id'], ['updated_at']];

function fieldColumn(field: Field, ctx: FieldContext): ColumnPlan | undefined {
  const spec = fieldType(field).column(field, ctx);
  return spec && { name: field.key, nullable: true, ...spec };
}

function columnsOf(object: ObjectDefinition, ctx: FieldContext): ColumnPlan[] {
  const cols = object.fields.map((f) => fieldColumn(f, ctx)).filter((c): c is ColumnPlan => !!c);
  for (const rule of object.duplicateRules ?? []) cols.push({ name: duplicateColumn(rule), type: 'text', nullable: true });
  return cols;
}

function indexesOf(object: ObjectDefinition): IndexPlan[] {
  const t = tableName(object.key);
  const out: IndexPlan[] = SYSTEM_INDEX_COLUMNS.map((cols) => ({ name: constraintName('ix', t, cols), columns: cols, unique: false, liveOnly: false }));
  for (const f of object.fields) {
    if (!fieldType(f).column(f, { field: () => undefined })) continue;
    if (f.unique || f.type === 'autonumber') out.push({ name: constraintName('ux', t, [f.key]), columns: [f.key], unique: true, liveOnly: true });
    else if (f.indexed || f.type === 'relation' || f.type === 'user') out.push({ name: constraintName('ix', t, [f.key]), columns: [f.key], unique: false, liveOnly: false });
  }
  for (const rule of object.duplicateRules ?? []) {
    const col = duplicateColumn(rule as DuplicateRule);
    out.push({ name: constraintName('ix', t, [col]), columns: [col], unique: false, liveOnly: true });
  }
  return out;
}

const checkName = (table: string, column: string) => constraintName('ck', table, [column]);
const fkName = (table: string, column: string) => constraintName('fk', table, [column]);
const sameSpec = (a: ColumnSpec, b: ColumnSpec) =>
  a.type === b.type && !!a.isArray === !!b.isArray && a.precision === b.precision && a.scale === b.scale;
const sameAllowed = (a?: string[], b?: string[]) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function contextOf(objects: ObjectDefinition[]): FieldContext {
  const byKey = new Map(objects.map((o) => [o.key, o]));
  return { field: (o, f) => byKey.get(o)?.fields.find((x) => x.key === f) };
}

/**
 * The DDL that turns the tables of one published version into those of the next,
 * as plain data in a safe order (tables, columns, checks, indexes, then foreign
 * keys, which need every table). It never drops a column or a table: fields and
 * objects are retired, their data kept. Destructive changes are refused earlier
 * by the metadata diff; what remains here is additive or a widening.
 */
export function planTables(previous: ObjectDefinition[], next: ObjectDefinition[]): TableOp[] {
  const prevCtx = contextOf(previous);
  const nextCtx = contextOf(next);
  const before = new Map(previous.map((o) => [o.key, o]));
  const creates: TableOp[] = [];
  const columns: TableOp[] = [];
  const checks: TableOp[] = [];
  const indexes: TableOp[] = [];
  const keys: TableOp[] = [];

  for (const object of next) {
    const t = tableName(object.key);
    const old = before.get(object.key);
    const nextCols = columnsOf(object, nextCtx);
    const oldCols = new Map((old ? columnsOf(old, prevCtx) : []).map((c) => [c.name, c]));

    if (!old) creates.push({ op: 'createTable', table: t, columns: [...SYSTEM_COLUMN_PLANS, ...nextCols] });
    for (const col of nextCols) {
      const was = oldCols.get(col.name);
      if (old && !was) columns.push({ op: 'addColumn', table: t, column: col });
      else if (was && !sameSpec(was, col)) columns.push({ op: 'alterColumnType', table: t, column: col, from: was });
      if (!sameAllowed(was?.allowed, col.allowed)) {
        if (col.allowed) checks.push({ op: 'setAllowed', table: t, column: col.name, name: checkName(t, col.name), allowed: col.allowed, isArray: !!col.isArray });
        else checks.push({ op: 'dropAllowed', table: t, name: checkName(t, col.name) });
      }
    }

    const oldIdx = new Map((old ? indexesOf(old) : []).map((i) => [i.name, i]));
    const newIdx = indexesOf(object);
    for (const i of newIdx) {
      const was = oldIdx.get(i.name);
      if (was && JSON.stringify(was) !== JSON.stringify(i)) indexes.push({ op: 'dropIndex', table: t, name: i.name });
      if (!was || JSON.stringify(was) !== JSON.stringify(i)) indexes.push({ op: 'createIndex', table: t, index: i });
    }
    for (const name of oldIdx.keys()) if (!newIdx.some((i) => i.name === name)) indexes.push({ op: 'dropIndex', table: t, name });

    const oldRel = new Map((old?.fields ?? []).filter((f) => f.type === 'relation').map((f) => [f.key, f]));
    for (const f of object.fields) {
      if (f.type !== 'relation') continue;
      const was = oldRel.get(f.key);
      const onDelete = f.onDelete === 'setNull' ? 'SET NULL' : 'RESTRICT';
      const changed = was?.type === 'relation' && (was.target !== f.target || (was.onDelete ?? 'restrict') !== (f.onDelete ?? 'restrict'));
      if (changed) keys.push({ op: 'dropForeignKey', table: t, name: fkName(t, f.key) });
      if (!was || changed) keys.push({ op: 'addForeignKey', table: t, column: f.key, name: fkName(t, f.key), target: tableName(f.target), onDelete });
    }
  }
  return [...creates, ...columns, ...checks, ...indexes, ...keys];
}
