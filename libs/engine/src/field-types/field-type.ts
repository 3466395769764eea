import type { Field } from '@tessera/metadata';

/** A JSON Schema fragment (draft 2020-12) describing one field's value. */
export type JsonSchema = Record<string, unknown>;

/** The operators a list filter can apply to a field. */
export type FilterOperator =
  | 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'nin'
  | 'contains' | 'startsWith' | 'between' | 'isEmpty';

/** A PostgreSQL column for a field, as plain data (the server turns it into DDL). */
export interface ColumnSpec {
  /** PostgreSQL type name: text, numeric, integer, bigint, boolean, date, timestamptz, uuid, jsonb. */
  type: string;
  isArray?: boolean;
  precision?: number;
  scale?: number;
  /** Allowed values (a CHECK constraint); for multiselect, each element must be one of them. */
  allowed?: string[];
}

/** Looks up other objects' fields, for types whose shape depends on another object (rollups). */
export interface FieldContext {
  field(objectKey: string, fieldKey: string): Field | undefined;
}

/**
 * How the engine treats one field type. Every type is one file in this folder
 * and one entry in the registry; nothing else switches on field types.
 */
export interface FieldTypeDef<F extends Field = Field> {
  type: F['type'];
  /** JSON Schema of a value written through the API; undefined when the API never writes it. */
  valueSchema(field: F): JsonSchema | undefined;
  /** The column that stores it; undefined when it lives elsewhere (attachments live in the files table). */
  column(field: F, ctx: FieldContext): ColumnSpec | undefined;
  /** Filter operators a list may apply. */
  operators: readonly FilterOperator[];
  /** Computed by the engine or the database, never written by users. */
  computed?: boolean;
  /** Included in the list's text search. */
  textSearch?: boolean;
  /** Converts a value read from PostgreSQL (pg driver) to its API JSON form. */
  fromDb?(value: unknown, field: F): unknown;
}

export const ORDERED_OPS: readonly FilterOperator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'between', 'isEmpty'];
export const TEXT_OPS: readonly FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'contains', 'startsWith', 'isEmpty', 'lt', 'lte', 'gt', 'gte'];
export const EQUALITY_OPS: readonly FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'isEmpty'];

/** pg returns numeric as a string to keep precision; the API speaks JSON numbers. */
export const numericFromDb = (v: unknown): unknown => (typeof v === 'string' ? Number(v) : v);

/** Dates travel as YYYY-MM-DD strings (the pg driver is told to keep them as text). */
export const dateFromDb = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

export const datetimeFromDb = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);
