import type { FilterNode } from '../records/list-query.parse';
import { forecastStages, type AnalyticsPipeline, type AnalyticsStage } from './analytics-pipeline';
import type { AmountFigure, DimensionValue } from './analytics-result';
import { fromScaled, toScaled, weightedScaled } from './decimal.math';
import { drill, inRange, oneOf, valueIs } from './drill-down.filter';
import type { PeriodBucket, PeriodInterval } from './period.buckets';

/** One group of the forecast's SQL: records of one stage whose close date falls in one period (null: no close date). */
export interface ForecastRow {
  bucket: number | null;
  stage: string;
  /** The groupBy value, when the forecast is split. */
  value?: string | boolean | null;
  count: number;
  /** Sum of the amount, decimal string. */
  amount: string;
}

/** An amount of money and the records it is computed from. */
export interface MoneyFigure {
  amount: string;
  filter: FilterNode;
}

export interface ForecastFigures {
  /** Every open record counted in forecasts (not `omitted`), at full value. */
  pipeline: AmountFigure;
  /** Σ amount × stage probability. */
  weighted: MoneyFigure;
  commit: AmountFigure;
  bestCase: AmountFigure;
  /** Won records with their close date in the period. */
  closed: AmountFigure;
  scenarios: {
    /** Commit only. */
    conservative: MoneyFigure;
    /** The weighted pipeline. */
    neutral: MoneyFigure;
    /** Commit plus best case, at full value. */
    optimistic: MoneyFigure;
  };
}

export interface ForecastPeriod extends ForecastFigures {
  key: string;
  /** First day and the first day after, YYYY-MM-DD for a date close field; instants for a datetime one. */
  start: string;
  end: string;
}

export interface ForecastSeries {
  periods: ForecastPeriod[];
  totals: ForecastFigures;
  /** Open records without a close date (in no period). */
  unscheduled: ForecastFigures;
}

export interface ForecastResult extends ForecastSeries {
  query: 'forecast';
  object: string;
  pipeline: string;
  interval: PeriodInterval;
  closeDateField: string;
  amountField: string;
  /** Per value of groupBy, when asked. */
  groups?: Array<DimensionValue & ForecastSeries>;
  groupBy?: string;
  where: FilterNode | null;
}

/**
 * Forecast figures of one set of rows (one period, or all): the weighted pipeline and the
 * three scenarios — conservative (commit category only), neutral (amount × stage
 * probability), optimistic (commit + best case at full value) — computed exactly on
 * decimal strings. `window` is the close-date condition of the set.
 */
export function forecastOf(p: AnalyticsPipeline, rows: readonly ForecastRow[], window: FilterNode | undefined, base: FilterNode | undefined): ForecastFigures {
  const counted = forecastStages(p);
  const inStages = (stages: readonly AnalyticsStage[]) => {
    const keys = stages.map((s) => s.key);
    const subset = rows.filter((r) => keys.includes(r.stage));
    const units = subset.reduce((sum, r) => sum + toScaled(r.amount), 0n);
    return { count: subset.reduce((n, r) => n + r.count, 0), units, filter: drill(base, oneOf(p.stageField, keys), window) };
  };
  const figure = (s: ReturnType<typeof inStages>): AmountFigure => ({ count: s.count, amount: fromScaled(s.units), filter: s.filter });
  const all = inStages(counted);
  const commitStages = counted.filter((s) => s.category === 'commit');
  const bestStages = counted.filter((s) => s.category === 'bestCase');
  const commit = inStages(commitStages);
  const best = inStages(bestStages);
  const weightedUnits = rows.reduce((sum, r) => {
    const stage = p.byKey.get(r.stage);
    return stage && counted.includes(stage) ? sum + weightedScaled(r.amount, stage.probability) : sum;
  }, 0n);
  const upside = inStages(counted.filter((s) => s.category === 'commit' || s.category === 'bestCase'));
  return {
    pipeline: figure(all),
    weighted: { amount: fromScaled(weightedUnits), filter: all.filter },
    commit: figure(commit),
    bestCase: figure(best),
    closed: figure(inStages(p.stages.filter((s) => s.type === 'won'))),
    scenarios: {
      conservative: { amount: fromScaled(commit.units), filter: commit.filter },
      neutral: { amount: fromScaled(weightedUnits), filter: all.filter },
      optimistic: { amount: fromScaled(upside.units), filter: upside.filter },
    },
  };
}

/** Periods, totals and unscheduled records of one series of rows. */
export function forecastSeries(p: AnalyticsPipeline, buckets: readonly PeriodBucket[], rows: readonly ForecastRow[], closeField: string, base: FilterNode | undefined, closeKind: 'date' | 'datetime' = 'date'): ForecastSeries {
  const start = (b: PeriodBucket) => (closeKind === 'date' ? b.startDate : b.start);
  const end = (b: PeriodBucket) => (closeKind === 'date' ? b.endDate : b.end);
  const periods = buckets.map((b, idx) => ({
    key: b.key,
    start: start(b),
    end: end(b),
    ...forecastOf(p, rows.filter((r) => r.bucket === idx + 1), inRange(closeField, start(b), end(b)), base),
  }));
  const inAny = (r: ForecastRow) => r.bucket !== null && r.bucket >= 1 && r.bucket <= buckets.length;
  const span = buckets.length ? inRange(closeField, start(buckets[0]), end(buckets[buckets.length - 1])) : undefined;
  return {
    periods,
    totals: forecastOf(p, rows.filter(inAny), span, base),
    unscheduled: forecastOf(p, rows.filter((r) => r.bucket === null), { field: closeField, op: 'isEmpty', value: true }, base),
  };
}

export function forecastFigures(
  p: AnalyticsPipeline,
  buckets: readonly PeriodBucket[],
  interval: PeriodInterval,
  rows: readonly ForecastRow[],
  base: FilterNode | undefined,
  group?: { field: string; values: readonly DimensionValue[] },
  closeKind: 'date' | 'datetime' = 'date',
): ForecastResult {
  const closeField = p.closeDateField as string;
  return {
    query: 'forecast',
    object: p.object,
    pipeline: p.key,
    interval,
    closeDateField: closeField,
    amountField: p.amountField as string,
    ...forecastSeries(p, buckets, rows, closeField, base, closeKind),
    ...(group && {
      groupBy: group.field,
      groups: group.values.map((v) => ({ ...v, ...forecastSeries(p, buckets, rows.filter((r) => r.value === v.value), closeField, drill(base, valueIs(group.field, v.value)), closeKind) })),
    }),
    where: base ?? null,
  };
}
