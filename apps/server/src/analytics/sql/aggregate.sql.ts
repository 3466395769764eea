import { quoteIdent } from '@tessera/engine';
import { SqlParams } from '../../records/sql/sql-params';
import type { RecordSet } from '../../records/record-set.service';
import type { SqlStatement } from '../analytics-sources';

/**
 * count, sum and average of a field over up to two dimensions, and the grand total, in
 * one statement (GROUPING SETS); `grouping` is 0 on the cells and non-zero on the total.
 */
export function aggregateSql(set: RecordSet, options: { field?: string; decimals: number; rows?: string; columns?: string }): SqlStatement {
  const p = new SqlParams();
  const dims = [options.rows, options.columns].filter((d): d is string => d !== undefined);
  const f = options.field ? `r.${quoteIdent(options.field)}` : undefined;
  const select = [
    ...(options.rows ? [`r.${quoteIdent(options.rows)} AS "row"`] : []),
    ...(options.columns ? [`r.${quoteIdent(options.columns)} AS "column"`] : []),
    `count(*)::int AS "count"`,
    f ? `sum(${f})::text AS "sum"` : `NULL::text AS "sum"`,
    f ? `round(avg(${f}), ${Number(options.decimals)})::text AS "avg"` : `NULL::text AS "avg"`,
    dims.length ? `GROUPING(${dims.map((d) => `r.${quoteIdent(d)}`).join(', ')}) AS "grouping"` : `0 AS "grouping"`,
  ];
  const cols = [...dims, ...(options.field ? [options.field] : [])];
  const group = dims.length ? ` GROUP BY GROUPING SETS ((${dims.map((d) => `r.${quoteIdent(d)}`).join(', ')}), ())` : '';
  return { text: `SELECT ${select.join(', ')} FROM (${set.sql(p, cols)}) r${group}`, values: p.values };
}
