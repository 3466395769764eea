import { bucketBounds, forecastStages, quoteIdent, type PeriodBucket } from '@tessera/engine';
import { SqlParams } from '../../records/sql/sql-params';
import type { AnalyticsSources, SqlStatement } from '../analytics-sources';

/**
 * Records of the forecast's stages (open and not omitted, plus won) by period of their
 * close date (null: no close date) and stage, amounts summed exactly; optionally split by
 * a dimension. Weights and scenarios are applied to these sums (forecastFigures).
 */
export function forecastSql(s: AnalyticsSources, buckets: readonly PeriodBucket[], closeKind: 'date' | 'datetime', groupBy?: string): SqlStatement {
  const p = new SqlParams();
  const { stageField, amountField, closeDateField } = s.pipeline as Required<typeof s.pipeline>;
  const stage = quoteIdent(stageField);
  const close = `r.${quoteIdent(closeDateField)}`;
  const bounds = p.add(bucketBounds(buckets, closeKind === 'date' ? 'date' : 'instant'), closeKind === 'date' ? 'date[]' : 'timestamptz[]');
  const stages = [...forecastStages(s.pipeline).map((x) => x.key), ...s.pipeline.won];
  const cols = [stageField, amountField, closeDateField, ...(groupBy ? [groupBy] : [])];
  const text = `SELECT width_bucket(${close}, ${bounds}) AS "bucket", r.${stage} AS "stage"${groupBy ? `, r.${quoteIdent(groupBy)} AS "value"` : ''},
      count(*)::int AS "count", coalesce(sum(r.${quoteIdent(amountField)}), 0)::text AS "amount"
    FROM (${s.set.sql(p, cols)}) r
    WHERE r.${stage} = ANY(${p.add(stages, 'text[]')}) AND (${close} IS NULL OR (${close} >= (${bounds})[1] AND ${close} < (${bounds})[${buckets.length + 1}]))
    GROUP BY ${groupBy ? '1, 2, 3' : '1, 2'}`;
  return { text, values: p.values };
}
