import { quoteIdent } from '@tessera/engine';
import { SqlParams } from '../../records/sql/sql-params';
import type { AnalyticsSources, SqlStatement } from '../analytics-sources';

// greatest() skips NULLs: a missing end must stay NULL (no follow-up yet), not become 0.
const seconds = (from: string, to: string) => `CASE WHEN ${to} IS NULL THEN NULL ELSE greatest(extract(epoch FROM ${to} - ${from}), 0)::float8 END`;

/**
 * One statement (one snapshot), two kinds of rows: per stage the completed stays of the
 * set's records (count, records, average, and [median, 90th percentile] in seconds from
 * one sort), and per current stage the records there now and those whose stay began at
 * or before the stage's threshold (asOf minus its timeout).
 */
export function dwellSql(s: AnalyticsSources, thresholds: ReadonlyMap<string, string>): SqlStatement {
  const p = new SqlParams();
  const stage = quoteIdent(s.pipeline.stageField);
  const object = s.pipeline.object;
  const done = `SELECT 'done' AS "part", v."stage", count(*)::int AS "visits", count(DISTINCT v."record_id")::int AS "records",
      avg(x."s") AS "avgSeconds", percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY x."s") AS "percentiles",
      NULL::int AS "current", NULL::int AS "overdue"
    FROM (${s.set.sql(p)}) r JOIN (${s.history.completedVisits(object, p)}) v ON v."record_id" = r."id"
    CROSS JOIN LATERAL (SELECT ${seconds('v."entered_at"', 'v."exited_at"')} AS "s") x
    GROUP BY v."stage"`;
  // Only stays in stages with a timeout can be overdue: the others need no join (a NULL key skips the probe).
  const timed = [...thresholds.keys()];
  const join = timed.length
    ? `LEFT JOIN (${s.history.currentVisits(object, p, timed)}) v ON v."record_id" = CASE WHEN r.${stage} = ANY(${p.add(timed, 'text[]')}) THEN r."id" END
    LEFT JOIN unnest(${p.add(timed, 'text[]')}, ${p.add([...thresholds.values()], 'timestamptz[]')}) AS t("stage", "threshold") ON t."stage" = r.${stage}`
    : '';
  const overdue = timed.length ? `(count(*) FILTER (WHERE v."entered_at" <= t."threshold"))::int` : '0';
  const open = `SELECT 'open', r.${stage}, NULL, NULL, NULL, NULL, count(*)::int, ${overdue}
    FROM (${s.set.sql(p, [s.pipeline.stageField])}) r ${join}
    WHERE r.${stage} IS NOT NULL
    GROUP BY r.${stage}`;
  return { text: `${done} UNION ALL ${open}`, values: p.values };
}

/** asOf minus each stage's timeout, by the database's interval arithmetic (as stage timers compute due times). */
export function thresholdsSql(asOf: Date, timeouts: ReadonlyMap<string, string>): SqlStatement {
  return {
    text: `SELECT u."stage", ($1::timestamptz - u."after"::interval) AS "threshold" FROM unnest($2::text[], $3::text[]) AS u("stage", "after")`,
    values: [asOf.toISOString(), [...timeouts.keys()], [...timeouts.values()]],
  };
}
