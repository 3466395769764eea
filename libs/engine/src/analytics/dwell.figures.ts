import type { FilterNode } from '../records/list-query.parse';
import type { AnalyticsPipeline } from './analytics-pipeline';
import type { CountFigure, StageRef } from './analytics-result';
import { allOf, anyOf, drill, oneOf } from './drill-down.filter';
import { stageDerivedKeys } from './stage-derived.fields';

/** Completed stays per stage (from the stage history). */
export interface DwellDoneRow {
  stage: string;
  visits: number;
  records: number;
  avgSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** Records in each stage now, and those of them in it since before the stage's threshold. */
export interface DwellOpenRow {
  stage: string;
  current: number;
  overdue: number;
}

export interface DwellStageFigure extends StageRef {
  /** The stage's timeout (ISO duration), if it has one. */
  timeout: string | null;
  /** Completed stays: how many, by how many records (filter: records that left the stage). */
  visits: number;
  records: CountFigure;
  avgSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Records in the stage now. */
  current: CountFigure;
  /** Of those, the ones in it longer than its timeout (null without a timeout). */
  overdue: CountFigure | null;
  /** Entered before this instant = over the timeout at `asOf`. */
  overdueSince: string | null;
}

export interface DwellResult {
  query: 'dwell';
  object: string;
  pipeline: string;
  /** The instant "currently" refers to. */
  asOf: string;
  stages: DwellStageFigure[];
  totals: { current: CountFigure; overdue: CountFigure };
  where: FilterNode | null;
}

/** The filter of records over their stage's timeout: in the stage, entered before its threshold. */
export function overdueFilter(p: AnalyticsPipeline, stage: string, threshold: string): FilterNode {
  return allOf(oneOf(p.stageField, [stage]), { field: stageDerivedKeys(p.stageField).enteredAt, op: 'lte', value: threshold }) as FilterNode;
}

/**
 * Time in stage from completed stays (average, median, 90th percentile, in seconds) and,
 * per open stage, the records there now and those over the stage's timeout at `asOf`.
 * `thresholds` are asOf minus each stage's timeout, computed by the database's interval
 * arithmetic (as the stage timers are).
 */
export function dwellFigures(
  p: AnalyticsPipeline,
  done: readonly DwellDoneRow[],
  open: readonly DwellOpenRow[],
  thresholds: ReadonlyMap<string, string>,
  asOf: Date,
  base: FilterNode | undefined,
): DwellResult {
  const keys = stageDerivedKeys(p.stageField);
  const stages: DwellStageFigure[] = p.stages.map((s) => {
    const d = done.find((r) => r.stage === s.key);
    const o = open.find((r) => r.stage === s.key);
    const threshold = thresholds.get(s.key) ?? null;
    return {
      stage: s.key,
      label: s.label,
      type: s.type,
      timeout: s.timeout ?? null,
      visits: d?.visits ?? 0,
      records: { count: d?.records ?? 0, filter: drill(base, { field: keys.left, op: 'contains', value: s.key }) },
      avgSeconds: d?.avgSeconds ?? null,
      medianSeconds: d?.medianSeconds ?? null,
      p90Seconds: d?.p90Seconds ?? null,
      current: { count: o?.current ?? 0, filter: drill(base, oneOf(p.stageField, [s.key])) },
      overdue: threshold === null ? null : { count: o?.overdue ?? 0, filter: drill(base, overdueFilter(p, s.key, threshold)) },
      overdueSince: threshold,
    };
  });
  const timed = stages.filter((s) => s.overdueSince !== null);
  return {
    query: 'dwell',
    object: p.object,
    pipeline: p.key,
    asOf: asOf.toISOString(),
    stages,
    totals: {
      current: { count: stages.reduce((n, s) => n + s.current.count, 0), filter: drill(base, oneOf(p.stageField, p.stages.map((s) => s.key))) },
      overdue: { count: timed.reduce((n, s) => n + (s.overdue?.count ?? 0), 0), filter: drill(base, anyOf(...timed.map((s) => overdueFilter(p, s.stage, s.overdueSince as string)))) },
    },
    where: base ?? null,
  };
}
