import type { FilterNode } from '../records/list-query.parse';
import type { AnalyticsPipeline } from './analytics-pipeline';
import type { AmountFigure, CountFigure, StageRef } from './analytics-result';
import { decimalSum } from './decimal.math';
import { allOf, drill, oneOf } from './drill-down.filter';
import { ratio } from './ratio';
import { reachedFilter, stageReach } from './stage-reach';

/** One group of the funnel's SQL: records by current stage and, for lost ones, the stage they were lost from. */
export interface StageCountRow {
  stage: string | null;
  fromStage: string | null;
  count: number;
  /** Sum of the amount field as a decimal string; null when the query has no amount. */
  amount: string | null;
}

export interface FunnelStageFigure extends StageRef, AmountFigure {
  probability: number;
  /** Records at this open stage or past it (won, later stages, lost from here or later); null for lost stages. */
  reached: CountFigure | null;
  /** reached(next open stage, or won after the last one) / reached(this). */
  conversionToNext: number | null;
  /** won / reached(this). */
  conversionToWon: number | null;
}

export interface FunnelResult {
  query: 'funnel';
  object: string;
  pipeline: string;
  stages: FunnelStageFigure[];
  totals: {
    records: AmountFigure;
    open: AmountFigure;
    won: AmountFigure;
    lost: AmountFigure;
    /** Records whose stage is empty or no longer a stage of the pipeline. */
    unstaged: AmountFigure;
    /** won / records that reached the first stage. */
    conversionToWon: number | null;
  };
  /** The filter every figure starts from (scope of the request). */
  where: FilterNode | null;
}

const sumOf = (rows: readonly StageCountRow[], withAmount: boolean) => ({
  count: rows.reduce((n, r) => n + r.count, 0),
  amount: withAmount ? decimalSum(rows.map((r) => r.amount ?? '0')) : null,
});

/** Counts per reach position 0..n+1 (see stageReach). */
export function reachCounts(p: AnalyticsPipeline, rows: readonly { stage: string | null; fromStage: string | null; count: number }[]): number[] {
  const counts = new Array<number>(p.open.length + 2).fill(0);
  for (const r of rows) counts[stageReach(p, r.stage, r.fromStage)] += r.count;
  return counts;
}

/** reached[i]: records whose reach is at least i, for i in 0..n+1 (a cumulative sum from the end). */
export function cumulativeReach(counts: readonly number[]): number[] {
  const out = new Array<number>(counts.length).fill(0);
  for (let i = counts.length - 1, running = 0; i >= 0; i--) out[i] = running += counts[i];
  return out;
}

/**
 * The funnel from grouped counts: per stage the records in it now (count, amount), the
 * records that reached it, the conversion to the next stage and to won; every figure
 * with the list filter of its records.
 */
export function funnelFigures(p: AnalyticsPipeline, rows: readonly StageCountRow[], base: FilterNode | undefined, withAmount: boolean): FunnelResult {
  const reached = cumulativeReach(reachCounts(p, rows));
  const won = reached[p.open.length + 1];
  const n = p.open.length;
  const stages: FunnelStageFigure[] = p.stages.map((s) => {
    const own = sumOf(rows.filter((r) => r.stage === s.key), withAmount);
    const position = p.open.indexOf(s.key) + 1;
    const isOpen = s.type === 'open';
    return {
      stage: s.key,
      label: s.label,
      type: s.type,
      probability: s.probability,
      ...own,
      filter: drill(base, oneOf(p.stageField, [s.key])),
      reached: isOpen ? { count: reached[position], filter: drill(base, reachedFilter(p, position)) } : s.type === 'won' ? { count: own.count, filter: drill(base, oneOf(p.stageField, [s.key])) } : null,
      conversionToNext: isOpen ? ratio(reached[Math.min(position + 1, n + 1)], reached[position]) : null,
      conversionToWon: isOpen ? ratio(won, reached[position]) : null,
    };
  });
  const known = new Set(p.stages.map((s) => s.key));
  const of = (keys: readonly string[]) => rows.filter((r) => r.stage !== null && keys.includes(r.stage));
  const figure = (subset: readonly StageCountRow[], filter: FilterNode | undefined): AmountFigure => ({ ...sumOf(subset, withAmount), filter: drill(base, filter) });
  return {
    query: 'funnel',
    object: p.object,
    pipeline: p.key,
    stages,
    totals: {
      records: figure(rows, undefined),
      open: figure(of(p.open), oneOf(p.stageField, p.open)),
      won: figure(of(p.won), oneOf(p.stageField, p.won)),
      lost: figure(of(p.lost), oneOf(p.stageField, p.lost)),
      unstaged: figure(rows.filter((r) => r.stage === null || !known.has(r.stage)), allOf({ field: p.stageField, op: 'nin', value: [...known] })),
      conversionToWon: ratio(won, reached[1]),
    },
    where: base ?? null,
  };
}
