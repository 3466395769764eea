import type { Field } from '@tessera/metadata';
import { fieldType, SYSTEM_COLUMNS } from '@tessera/engine';

export type RecordData = Record<string, unknown>;

/** A row as read from PostgreSQL, converted to the API's JSON (numbers, ISO strings). */
export function rowToRecord(row: RecordData, fields: Map<string, Field>): RecordData {
  const out: RecordData = {};
  for (const key of SYSTEM_COLUMNS) {
    if (key in row && key !== 'deleted_at') out[key] = row[key];
  }
  if (row.deleted_at) out.deleted_at = row.deleted_at;
  for (const [key, value] of Object.entries(row)) {
    const field = fields.get(key);
    if (!field) continue;
    const def = fieldType(field);
    out[key] = value === null || value === undefined ? null : def.fromDb ? def.fromDb(value, field) : value;
  }
  return out;
}

/** A value as bound for its column (jsonb needs text; the rest the driver maps). */
export function valueToDb(field: Field | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field?.type === 'geopoint') return JSON.stringify(value);
  return value;
}

/** Leaves out what a caller may not see. */
export function withoutHidden(record: RecordData, hidden: ReadonlySet<string>): RecordData {
  if (hidden.size === 0) return record;
  return Object.fromEntries(Object.entries(record).filter(([k]) => !hidden.has(k)));
}
