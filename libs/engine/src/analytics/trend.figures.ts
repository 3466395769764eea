import type { FilterNode } from '../records/list-query.parse';
import type { AnalyticsPipeline } from './analytics-pipeline';
import type { CountFigure, RateFigure } from './analytics-result';
import { drill, inRange, oneOf } from './drill-down.filter';
import { cumulativeReach, reachCounts } from './funnel.figures';
import type { PeriodBucket, PeriodInterval } from './period.buckets';
import { ratio } from './ratio';
import { stageDerivedKeys } from './stage-derived.fields';
import { reachedFilter } from './stage-reach';

/**
 * One group of the trend's SQL. `newBucket` is the period (1-based, as width_bucket
 * numbers them) the record was created in (its date field), `closedBucket` the period it
 * entered its won or lost stage in; either is null or out of range when it falls outside.
 */
export interface TrendRow {
  newBucket: number | null;
  closedBucket: number | null;
  stage: string | null;
  fromStage: string | null;
  count: number;
}

export interface TrendPeriod {
  key: string;
  start: string;
  end: string;
  /** Records whose date field falls in the period. */
  new: CountFigure;
  /** Records that entered a won stage in the period (and are still there). */
  won: CountFigure;
  lost: CountFigure;
  /** Of the period's new records, the share that reached `to` among those that reached `from`. */
  conversion: RateFigure;
}

export interface TrendResult {
  query: 'trend';
  object: string;
  pipeline: string;
  interval: PeriodInterval;
  dateField: string;
  from: string;
  to: string;
  periods: TrendPeriod[];
  totals: { new: CountFigure; won: CountFigure; lost: CountFigure; conversion: RateFigure };
  where: FilterNode | null;
}

export interface TrendOptions {
  interval: PeriodInterval;
  /** The field that places a new record in a period, and whether it holds days or instants. */
  dateField: string;
  dateKind: 'date' | 'datetime';
  /** Conversion from this position to that one (see stagePosition): 1 and n+1 by default. */
  fromPosition: number;
  toPosition: number;
}

/**
 * New, won and lost records per period and the conversion of each period's new records,
 * every period present (an empty one has zeros and a null rate).
 */
export function trendFigures(p: AnalyticsPipeline, buckets: readonly PeriodBucket[], rows: readonly TrendRow[], options: TrendOptions, base: FilterNode | undefined): TrendResult {
  const entered = stageDerivedKeys(p.stageField).enteredAt;
  const range = (b: { startDate: string; endDate: string; start: string; end: string }) =>
    options.dateKind === 'date' ? inRange(options.dateField, b.startDate, b.endDate) : inRange(options.dateField, b.start, b.end);
  const sum = (pred: (r: TrendRow) => boolean) => rows.filter(pred).reduce((n, r) => n + r.count, 0);
  const isIn = (bucket: number | null, i: number) => bucket === i;
  const inAny = (bucket: number | null) => bucket !== null && bucket >= 1 && bucket <= buckets.length;
  const conversion = (cohort: (r: TrendRow) => boolean, cohortFilter: FilterNode | undefined): RateFigure => {
    const reached = cumulativeReach(reachCounts(p, rows.filter(cohort)));
    const part = reached[options.toPosition] ?? 0;
    const whole = reached[options.fromPosition] ?? 0;
    return {
      rate: ratio(part, whole),
      part: { count: part, filter: drill(base, cohortFilter, reachedFilter(p, options.toPosition)) },
      whole: { count: whole, filter: drill(base, cohortFilter, reachedFilter(p, options.fromPosition)) },
    };
  };
  const closed = (keys: readonly string[], pred: (r: TrendRow) => boolean) => sum((r) => r.stage !== null && keys.includes(r.stage) && pred(r));

  const periods = buckets.map((b, idx): TrendPeriod => {
    const i = idx + 1;
    const closedIn = inRange(entered, b.start, b.end);
    return {
      key: b.key,
      start: b.start,
      end: b.end,
      new: { count: sum((r) => isIn(r.newBucket, i)), filter: drill(base, range(b)) },
      won: { count: closed(p.won, (r) => isIn(r.closedBucket, i)), filter: drill(base, oneOf(p.stageField, p.won), closedIn) },
      lost: { count: closed(p.lost, (r) => isIn(r.closedBucket, i)), filter: drill(base, oneOf(p.stageField, p.lost), closedIn) },
      conversion: conversion((r) => isIn(r.newBucket, i), range(b)),
    };
  });
  const all = buckets.length ? { start: buckets[0].start, end: buckets[buckets.length - 1].end, startDate: buckets[0].startDate, endDate: buckets[buckets.length - 1].endDate } : undefined;
  const allRange = all && range(all);
  const allClosed = all && inRange(entered, all.start, all.end);
  return {
    query: 'trend',
    object: p.object,
    pipeline: p.key,
    interval: options.interval,
    dateField: options.dateField,
    from: all?.start ?? '',
    to: all?.end ?? '',
    periods,
    totals: {
      new: { count: sum((r) => inAny(r.newBucket)), filter: drill(base, allRange) },
      won: { count: closed(p.won, (r) => inAny(r.closedBucket)), filter: drill(base, oneOf(p.stageField, p.won), allClosed) },
      lost: { count: closed(p.lost, (r) => inAny(r.closedBucket)), filter: drill(base, oneOf(p.stageField, p.lost), allClosed) },
      conversion: conversion((r) => inAny(r.newBucket), allRange),
    },
    where: base ?? null,
  };
}
