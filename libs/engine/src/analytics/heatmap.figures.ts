import type { FilterNode } from '../records/list-query.parse';
import type { AnalyticsPipeline } from './analytics-pipeline';
import type { CountFigure, DimensionValue, StageRef } from './analytics-result';
import { drill, valueIs } from './drill-down.filter';
import { cumulativeReach, reachCounts, type StageCountRow } from './funnel.figures';
import { ratio } from './ratio';
import { lostFromFilter, reachedFilter } from './stage-reach';

/** A funnel group split by one dimension's value. */
export interface DimensionStageRow extends StageCountRow {
  value: string | boolean | null;
}

/** Loss at one open stage: records that reached it, records lost from it, lost / reached. */
export interface LossFigure {
  reached: CountFigure;
  lost: CountFigure;
  lossRate: number | null;
}

export interface HeatmapCell extends LossFigure {
  stage: string;
  value: string | boolean | null;
}

export interface HeatmapResult {
  query: 'heatmap';
  object: string;
  pipeline: string;
  dimension: string;
  /** Rows: the open stages in order. */
  stages: StageRef[];
  /** Columns: the dimension's values that occur, in the order given by the caller (labels sorted). */
  values: DimensionValue[];
  /** One per stage and value, stage by stage. */
  cells: HeatmapCell[];
  /** Per stage over every value. */
  totals: Array<LossFigure & { stage: string }>;
  where: FilterNode | null;
}

/**
 * Loss rate by stage × dimension: for every open stage and value, the records that
 * reached the stage (see stageReach) and those lost from it. A value with no record
 * that reached a stage has a null rate, never 0%.
 */
export function heatmapFigures(
  p: AnalyticsPipeline,
  dimension: string,
  rows: readonly DimensionStageRow[],
  values: readonly DimensionValue[],
  base: FilterNode | undefined,
): HeatmapResult {
  const loss = (subset: readonly StageCountRow[], position: number, stage: string, dim?: FilterNode): LossFigure => {
    const reached = cumulativeReach(reachCounts(p, subset))[position];
    const lost = subset.filter((r) => r.stage !== null && p.lost.includes(r.stage) && r.fromStage === stage).reduce((n, r) => n + r.count, 0);
    return {
      reached: { count: reached, filter: drill(base, dim, reachedFilter(p, position)) },
      lost: { count: lost, filter: drill(base, dim, lostFromFilter(p, stage)) },
      lossRate: ratio(lost, reached),
    };
  };
  const open = p.stages.filter((s) => s.type === 'open');
  const cells: HeatmapCell[] = [];
  for (const [i, s] of open.entries()) {
    for (const v of values) {
      const subset = rows.filter((r) => r.value === v.value);
      cells.push({ stage: s.key, value: v.value, ...loss(subset, i + 1, s.key, valueIs(dimension, v.value)) });
    }
  }
  return {
    query: 'heatmap',
    object: p.object,
    pipeline: p.key,
    dimension,
    stages: open.map((s) => ({ stage: s.key, label: s.label, type: s.type })),
    values: [...values],
    cells,
    totals: open.map((s, i) => ({ stage: s.key, ...loss(rows, i + 1, s.key) })),
    where: base ?? null,
  };
}
