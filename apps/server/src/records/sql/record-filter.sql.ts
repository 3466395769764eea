import type { Field } from '@tessera/metadata';
import { fieldType, quoteIdent, type FilterLeaf, type FilterNode, type RowFilter } from '@tessera/engine';
import type { DerivedField } from '../record-derived-fields';
import { likeEscape, type SqlParams } from './sql-params';

/** The PostgreSQL type of a field's column, for casting array parameters. */
export function columnCast(field: Field | undefined): string {
  if (!field) return 'text';
  const spec = fieldType(field).column(field, { field: () => undefined });
  return spec?.type ?? 'text';
}

function leafSql(leaf: FilterLeaf, field: Field | undefined, p: SqlParams, col = quoteIdent(leaf.field)): string {
  const cast = columnCast(field);
  const isArray = field?.type === 'multiselect';
  const isText = cast === 'text' && !isArray;
  const v = leaf.value;
  switch (leaf.op) {
    case 'eq':
      return `${col} = ${p.add(v, cast)}`;
    case 'ne':
      return `${col} IS DISTINCT FROM ${p.add(v, cast)}`;
    case 'lt':
      return `${col} < ${p.add(v, cast)}`;
    case 'lte':
      return `${col} <= ${p.add(v, cast)}`;
    case 'gt':
      return `${col} > ${p.add(v, cast)}`;
    case 'gte':
      return `${col} >= ${p.add(v, cast)}`;
    case 'between': {
      const [a, b] = v as unknown[];
      return `${col} BETWEEN ${p.add(a, cast)} AND ${p.add(b, cast)}`;
    }
    case 'in':
      return isArray ? `${col} && ${p.add(v, 'text[]')}` : `${col} = ANY(${p.add(v, `${cast}[]`)})`;
    case 'nin':
      return `(${col} IS NULL OR NOT (${col} = ANY(${p.add(v, `${cast}[]`)})))`;
    case 'contains':
      return isArray ? `${p.add(v, 'text')} = ANY(${col})` : `${col} ILIKE ${p.add(`%${likeEscape(String(v))}%`)}`;
    case 'startsWith':
      return `${col} ILIKE ${p.add(`${likeEscape(String(v))}%`)}`;
    case 'isEmpty': {
      const empty = isArray ? `coalesce(cardinality(${col}), 0) = 0` : isText ? `coalesce(${col}, '') = ''` : `${col} IS NULL`;
      return v ? empty : `NOT (${empty})`;
    }
  }
}

/** Operators that hold for a missing value: NULL is distinct from a value, not in a list, and empty. */
const holdsForNull = (leaf: FilterLeaf) => leaf.op === 'ne' || leaf.op === 'nin' || (leaf.op === 'isEmpty' && leaf.value === true);

/**
 * A leaf on a derived field, as a semi-join on the providing module's (record_id, value)
 * rows, so PostgreSQL can hash it rather than probe once per row. A condition that holds
 * for a missing value is written as "not among the rows where it fails", so records with
 * no row (or a NULL value) match it as they would a NULL column.
 */
function derivedLeafSql(leaf: FilterLeaf, derived: DerivedField, p: SqlParams): string {
  const rows = `(${derived.rows(p)})`;
  if (derived.field.type === 'multiselect') {
    if (leaf.op === 'isEmpty') return `${leaf.value ? 'NOT ' : ''}"id" IN (SELECT d."record_id" FROM ${rows} d)`;
    const match = leaf.op === 'contains' ? `d."value" = ${p.add(leaf.value, 'text')}` : `d."value" = ANY(${p.add(leaf.value, 'text[]')})`;
    return `"id" IN (SELECT d."record_id" FROM ${rows} d WHERE ${match})`;
  }
  const match = leafSql(leaf, derived.field, p, 'd."value"');
  if (holdsForNull(leaf)) return `"id" NOT IN (SELECT d."record_id" FROM ${rows} d WHERE d."value" IS NOT NULL AND NOT (${match}))`;
  return `"id" IN (SELECT d."record_id" FROM ${rows} d WHERE ${match})`;
}

/** A parsed filter tree as a WHERE fragment with bind parameters; `derived` resolves derived fields. */
export function filterSql(node: FilterNode, fields: Map<string, Field>, p: SqlParams, derived?: ReadonlyMap<string, DerivedField>): string {
  if ('and' in node) return `(${node.and.map((n) => filterSql(n, fields, p, derived)).join(' AND ')})`;
  if ('or' in node) return `(${node.or.map((n) => filterSql(n, fields, p, derived)).join(' OR ')})`;
  const d = derived?.get(node.field);
  return d ? derivedLeafSql(node, d, p) : leafSql(node, fields.get(node.field), p);
}

/** The row scope every record query carries (see AccessService). */
export function rowFilterSql(filter: RowFilter, p: SqlParams, alias = ''): string {
  if (filter.all) return 'TRUE';
  if (filter.ownerIds.length === 0 && filter.unitIds.length === 0) return 'FALSE';
  return `(${alias}"owner_id" = ANY(${p.add(filter.ownerIds, 'uuid[]')}) OR ${alias}"org_unit_id" = ANY(${p.add(filter.unitIds, 'uuid[]')}))`;
}
