import { bucketBounds, quoteIdent, type PeriodBucket } from '@tessera/engine';
import { SqlParams } from '../../records/sql/sql-params';
import type { AnalyticsSources, SqlStatement } from '../analytics-sources';

/**
 * Records by the period their date field falls in (new) and the period they entered
 * their won or lost stage in (closed, from the current stay), with current stage and
 * lost-from stage; width_bucket numbers the periods 1..n (0 and n+1 outside).
 */
export function trendSql(s: AnalyticsSources, buckets: readonly PeriodBucket[], dateField: string, dateKind: 'date' | 'datetime'): SqlStatement {
  const p = new SqlParams();
  const stage = quoteIdent(s.pipeline.stageField);
  const date = `r.${quoteIdent(dateField)}`;
  const newBounds = p.add(bucketBounds(buckets, dateKind === 'date' ? 'date' : 'instant'), dateKind === 'date' ? 'date[]' : 'timestamptz[]');
  const closedBounds = p.add(bucketBounds(buckets, 'instant'), 'timestamptz[]');
  const terminal = [...s.pipeline.won, ...s.pipeline.lost];
  const text = `SELECT width_bucket(${date}, ${newBounds}) AS "newBucket", width_bucket(v."entered_at", ${closedBounds}) AS "closedBucket", r.${stage} AS "stage", v."from_stage" AS "fromStage", count(*)::int AS "count"
    FROM (${s.set.sql(p, [s.pipeline.stageField, dateField])}) r
    LEFT JOIN (${s.history.currentVisits(s.pipeline.object, p, terminal)}) v ON v."record_id" = CASE WHEN r.${stage} = ANY(${p.add(terminal, 'text[]')}) THEN r."id" END
    WHERE (${date} >= (${newBounds})[1] AND ${date} < (${newBounds})[${buckets.length + 1}]) OR (v."entered_at" >= (${closedBounds})[1] AND v."entered_at" < (${closedBounds})[${buckets.length + 1}])
    GROUP BY 1, 2, 3, 4`;
  return { text, values: p.values };
}
