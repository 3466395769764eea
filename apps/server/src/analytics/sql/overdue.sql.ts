import { quoteIdent } from '@tessera/engine';
import { SqlParams } from '../../records/sql/sql-params';
import type { AnalyticsSources, SqlStatement } from '../analytics-sources';

/**
 * Records over their stage's timeout, the longest overdue first (earliest due time), the
 * first `limit` of them; `total` (a window count over the whole result) says how many there are.
 */
export function overdueSql(s: AnalyticsSources, stages: ReadonlyArray<{ stage: string; threshold: string; timeout: string }>, limit: number): SqlStatement {
  const p = new SqlParams();
  const stage = quoteIdent(s.pipeline.stageField);
  const t = `unnest(${p.add(stages.map((x) => x.stage), 'text[]')}, ${p.add(stages.map((x) => x.threshold), 'timestamptz[]')}, ${p.add(stages.map((x) => x.timeout), 'interval[]')}) AS t("stage", "threshold", "timeout")`;
  const text = `SELECT r."id", r.${stage} AS "stage", v."entered_at" AS "enteredAt", v."entered_at" + t."timeout" AS "dueAt", count(*) OVER ()::int AS "total"
    FROM (${s.set.sql(p, [s.pipeline.stageField])}) r
    JOIN (${s.history.currentVisits(s.pipeline.object, p, stages.map((x) => x.stage))}) v ON v."record_id" = r."id"
    JOIN ${t} ON t."stage" = r.${stage}
    WHERE v."entered_at" <= t."threshold"
    ORDER BY "dueAt", r."id" LIMIT ${p.add(limit, 'int')}`;
  return { text, values: p.values };
}
