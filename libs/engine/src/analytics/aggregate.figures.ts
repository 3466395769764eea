import type { FilterNode } from '../records/list-query.parse';
import type { DimensionValue } from './analytics-result';
import { drill, valueIs } from './drill-down.filter';

export type AggregateMeasure = 'count' | 'sum' | 'avg';

/** One group of the aggregate's SQL (rows and columns present when grouped by them). */
export interface AggregateRow {
  row?: string | boolean | null;
  column?: string | boolean | null;
  count: number;
  /** Decimal strings; null without a field or when every value is empty. */
  sum: string | null;
  avg: string | null;
}

export interface AggregateCell {
  row?: string | boolean | null;
  column?: string | boolean | null;
  count: number;
  sum: string | null;
  avg: string | null;
  filter: FilterNode;
}

export interface AggregateResult {
  query: 'aggregate';
  object: string;
  measure: AggregateMeasure;
  field: string | null;
  rows: { field: string; values: DimensionValue[] } | null;
  columns: { field: string; values: DimensionValue[] } | null;
  cells: AggregateCell[];
  total: AggregateCell;
  where: FilterNode | null;
}

/**
 * count / sum / avg of a field over up to two dimensions (a KPI has none, a heatmap two),
 * each cell with the filter of its records. `total` comes from its own SQL group (an
 * average of averages would be wrong).
 */
export function aggregateFigures(input: {
  object: string;
  measure: AggregateMeasure;
  field: string | null;
  rows: { field: string; values: DimensionValue[] } | null;
  columns: { field: string; values: DimensionValue[] } | null;
  groups: readonly AggregateRow[];
  total: AggregateRow;
  base: FilterNode | undefined;
}): AggregateResult {
  const { rows, columns, base } = input;
  const cells = input.groups.map((g) => ({
    ...(rows && { row: g.row ?? null }),
    ...(columns && { column: g.column ?? null }),
    count: g.count,
    sum: g.sum,
    avg: g.avg,
    filter: drill(base, rows ? valueIs(rows.field, g.row) : undefined, columns ? valueIs(columns.field, g.column) : undefined),
  }));
  return {
    query: 'aggregate',
    object: input.object,
    measure: input.measure,
    field: input.field,
    rows,
    columns,
    cells,
    total: { count: input.total.count, sum: input.total.sum, avg: input.total.avg, filter: drill(base) },
    where: base ?? null,
  };
}
