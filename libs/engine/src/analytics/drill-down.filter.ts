import type { FilterLeaf, FilterNode } from '../records/list-query.parse';

/**
 * Builders of record-list filters (the list API's filter JSON). Every figure analytics
 * returns carries one: opening the record list with it shows exactly the records the
 * figure counts.
 */

/** Matches no record: every record has an id. */
export const NO_RECORDS: FilterNode = { field: 'id', op: 'isEmpty', value: true };

/** All of the given conditions; absent ones are left out, nested ands are flattened. */
export function allOf(...nodes: Array<FilterNode | undefined>): FilterNode | undefined {
  const parts: FilterNode[] = [];
  for (const n of nodes) {
    if (!n) continue;
    if ('and' in n) parts.push(...n.and);
    else parts.push(n);
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** Any of the given conditions; none at all matches no record. */
export function anyOf(...nodes: FilterNode[]): FilterNode {
  const parts = nodes.filter((n) => n !== NO_RECORDS);
  if (parts.length === 0) return NO_RECORDS;
  return parts.length === 1 ? parts[0] : { or: parts };
}

/** Matches every record (the list API takes no empty filter, so: id is not empty). */
export const ALL_RECORDS: FilterNode = { field: 'id', op: 'isEmpty', value: false };

/** A drill-down: the base filter (what the query was asked about) and the figure's own conditions. */
export const drill = (base: FilterNode | undefined, ...own: Array<FilterNode | undefined>): FilterNode => allOf(base, ...own) ?? ALL_RECORDS;

export const eq = (field: string, value: unknown): FilterLeaf => ({ field, op: 'eq', value });

/** The field holds one of `values`; no values matches nothing. */
export function oneOf(field: string, values: readonly unknown[]): FilterNode {
  if (values.length === 0) return NO_RECORDS;
  return values.length === 1 ? { field, op: 'eq', value: values[0] } : { field, op: 'in', value: [...values] };
}

/** A half-open range [from, to) of a date or datetime field; either end may be open. */
export function inRange(field: string, from?: string, to?: string): FilterNode | undefined {
  return allOf(from === undefined ? undefined : { field, op: 'gte', value: from }, to === undefined ? undefined : { field, op: 'lt', value: to });
}

/** The field holds `value`; null means empty. */
export const valueIs = (field: string, value: unknown): FilterLeaf => (value === null || value === undefined ? { field, op: 'isEmpty', value: true } : { field, op: 'eq', value });
