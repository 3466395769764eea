import type { Period } from '@tessera/engine';
import { SqlParams } from '../../records/sql/sql-params';
import type { RecordSet } from '../../records/record-set.service';
import type { AnalyticsSources, SqlStatement } from '../analytics-sources';

// greatest() skips NULLs: a missing end must stay NULL (no follow-up yet), not become 0.
const seconds = (from: string, to: string) => `CASE WHEN ${to} IS NULL THEN NULL ELSE greatest(extract(epoch FROM ${to} - ${from}), 0)::float8 END`;
const within = (col: string, period: Period, p: SqlParams) => `(${col} >= ${p.add(period.from.toISOString(), 'timestamptz')} AND ${col} < ${p.add(period.to.toISOString(), 'timestamptz')})`;

/**
 * New records (the `leads` set: created in the period) and the time to their first
 * follow-up: the earliest related record (`related`, a relation of parent_id, at) or,
 * without one, the first time they left a stage.
 */
export function followUpSql(s: AnalyticsSources, leads: RecordSet, related: ((p: SqlParams) => string) | undefined): SqlStatement {
  const p = new SqlParams();
  const source = related ? related(p) : `SELECT c."record_id" AS "parent_id", c."exited_at" AS "at" FROM (${s.history.completedVisits(s.pipeline.object, p)}) c`;
  const text = `SELECT count(*)::int AS "leads", count(f."at")::int AS "followedUp", avg(x."s") AS "avgSeconds", percentile_cont(0.5) WITHIN GROUP (ORDER BY x."s") AS "medianSeconds"
    FROM (${leads.sql(p, ['created_at'])}) r
    LEFT JOIN LATERAL (SELECT min(a."at") AS "at" FROM (${source}) a WHERE a."parent_id" = r."id") f ON TRUE
    LEFT JOIN LATERAL (SELECT ${seconds('r."created_at"', 'f."at"')} AS "s") x ON TRUE`;
  return { text, values: p.values };
}

/**
 * Checklist items due in the period: each item of a stage is due at the first stay's
 * entry plus the stage's timeout or, without one, when that stay ended; done on time when
 * ticked off by then. Items not yet due at `asOf` are left out. Per stage.
 */
export function actionsOnTimeSql(s: AnalyticsSources, period: Period, asOf: Date): SqlStatement {
  const p = new SqlParams();
  const items = s.pipeline.stages.flatMap((st) => st.checklist.map((item) => ({ stage: st.key, item, timeout: st.timeout ?? null })));
  const text = `WITH fv AS (
      SELECT v."record_id", v."stage", v."entered_at", v."exited_at", row_number() OVER (PARTITION BY v."record_id", v."stage" ORDER BY v."entered_at") AS "n"
      FROM (${s.history.visits(s.pipeline.object, p)}) v JOIN (${s.set.sql(p)}) r ON r."id" = v."record_id"
      WHERE v."stage" = ANY(${p.add([...new Set(items.map((i) => i.stage))], 'text[]')})
    ), due AS (
      SELECT fv."record_id", fv."stage", i."item", CASE WHEN i."timeout" IS NULL THEN fv."exited_at" ELSE fv."entered_at" + i."timeout"::interval END AS "deadline"
      FROM fv JOIN unnest(${p.add(items.map((i) => i.stage), 'text[]')}, ${p.add(items.map((i) => i.item), 'text[]')}, ${p.add(items.map((i) => i.timeout), 'text[]')}) AS i("stage", "item", "timeout") ON i."stage" = fv."stage"
      WHERE fv."n" = 1
    )
    SELECT d."stage", count(*)::int AS "due", (count(*) FILTER (WHERE c."done_at" IS NOT NULL AND c."done_at" <= d."deadline"))::int AS "onTime"
    FROM due d LEFT JOIN (${s.history.checklistDone(s.pipeline.object, p)}) c ON c."record_id" = d."record_id" AND c."item" = d."item"
    WHERE ${within('d."deadline"', period, p)} AND d."deadline" <= ${p.add(asOf.toISOString(), 'timestamptz')}
    GROUP BY d."stage"`;
  return { text, values: p.values };
}

/** Approver decisions made in the period on the set's records: count, average and median response time per flow and step. */
export function approvalResponseSql(s: AnalyticsSources, period: Period): SqlStatement {
  const p = new SqlParams();
  const text = `SELECT a."flow", a."step", count(*)::int AS "responses", avg(x."s") AS "avgSeconds", percentile_cont(0.5) WITHIN GROUP (ORDER BY x."s") AS "medianSeconds"
    FROM (${s.approvals.decisions(s.pipeline.object, p)}) a JOIN (${s.set.sql(p)}) r ON r."id" = a."record_id"
    CROSS JOIN LATERAL (SELECT ${seconds('a."created_at"', 'a."acted_at"')} AS "s") x
    WHERE ${within('a."acted_at"', period, p)}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return { text, values: p.values };
}

/** Won records (still won) by the period they were won in, and their average time from creation to won. */
export function salesCycleSql(s: AnalyticsSources, period: Period, baseline: Period): SqlStatement {
  const p = new SqlParams();
  const text = `SELECT (count(*) FILTER (WHERE x."current"))::int AS "currentWon", avg(x."s") FILTER (WHERE x."current") AS "currentAvgSeconds",
      (count(*) FILTER (WHERE x."baseline"))::int AS "baselineWon", avg(x."s") FILTER (WHERE x."baseline") AS "baselineAvgSeconds"
    FROM (${s.set.sql(p, ['created_at'])}) r
    JOIN (${s.history.currentVisits(s.pipeline.object, p, s.pipeline.won)}) v ON v."record_id" = r."id"
    CROSS JOIN LATERAL (SELECT ${seconds('r."created_at"', 'v."entered_at"')} AS "s", ${within('v."entered_at"', period, p)} AS "current", ${within('v."entered_at"', baseline, p)} AS "baseline") x`;
  return { text, values: p.values };
}
