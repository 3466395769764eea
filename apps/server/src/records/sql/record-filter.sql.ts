import type { Field } from '@tessera/metadata';
import { fieldType, quoteIdent, type FilterLeaf, type FilterNode, type RowFilter } from '@tessera/engine';
import { likeEscape, type SqlParams } from './sql-params';

/** The PostgreSQL type of a field's column, for casting array parameters. */
export function columnCast(field: Field | undefined): string {
  if (!field) return 'text';
  const spec = fieldType(field).column(field, { field: () => undefined });
  return spec?.type ?? 'text';
}

function leafSql(leaf: FilterLeaf, field: Field | undefined, p: SqlParams): string {
  const col = quoteIdent(leaf.field);
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

/** A parsed filter tree as a WHERE fragment with bind parameters. */
export function filterSql(node: FilterNode, fields: Map<string, Field>, p: SqlParams): string {
  if ('and' in node) return `(${node.and.map((n) => filterSql(n, fields, p)).join(' AND ')})`;
  if ('or' in node) return `(${node.or.map((n) => filterSql(n, fields, p)).join(' OR ')})`;
  return leafSql(node, fields.get(node.field), p);
}

/** The row scope every record query carries (see AccessService). */
export function rowFilterSql(filter: RowFilter, p: SqlParams, alias = ''): string {
  if (filter.all) return 'TRUE';
  if (filter.ownerIds.length === 0 && filter.unitIds.length === 0) return 'FALSE';
  return `(${alias}"owner_id" = ANY(${p.add(filter.ownerIds, 'uuid[]')}) OR ${alias}"org_unit_id" = ANY(${p.add(filter.unitIds, 'uuid[]')}))`;
}
