import { quoteIdent } from '@tessera/engine';
import { SqlParams } from '../../records/sql/sql-params';
import type { AnalyticsSources, SqlStatement } from '../analytics-sources';

/**
 * Records by current stage and, for lost ones, the stage they were lost from (their
 * current stay's from_stage); optionally by a dimension and with the amount summed. The
 * funnel and the loss-rate heatmap are computed from these groups.
 */
export function stageGroupsSql(s: AnalyticsSources, options: { amount?: string; dimension?: string }): SqlStatement {
  const p = new SqlParams();
  const stage = quoteIdent(s.pipeline.stageField);
  const cols = [s.pipeline.stageField, ...(options.amount ? [options.amount] : []), ...(options.dimension ? [options.dimension] : [])];
  const lost = s.pipeline.lost.length > 0;
  const select = [
    `r.${stage} AS "stage"`,
    lost ? `v."from_stage" AS "fromStage"` : `NULL::text AS "fromStage"`,
    ...(options.dimension ? [`r.${quoteIdent(options.dimension)} AS "value"`] : []),
    `count(*)::int AS "count"`,
    options.amount ? `coalesce(sum(r.${quoteIdent(options.amount)}), 0)::text AS "amount"` : `NULL::text AS "amount"`,
  ];
  // Only lost records can match; a NULL key for the others skips their hash probe (most rows).
  const lostStages = lost ? p.add(s.pipeline.lost, 'text[]') : '';
  const from = `(${s.set.sql(p, cols)}) r${lost ? ` LEFT JOIN (${s.history.currentVisits(s.pipeline.object, p, s.pipeline.lost)}) v ON v."record_id" = CASE WHEN r.${stage} = ANY(${lostStages}) THEN r."id" END` : ''}`;
  const groups = options.dimension ? '1, 2, 3' : '1, 2';
  return { text: `SELECT ${select.join(', ')} FROM ${from} GROUP BY ${groups}`, values: p.values };
}
