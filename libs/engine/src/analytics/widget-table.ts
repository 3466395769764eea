import type { Label } from '@tessera/metadata';
import type { AggregateResult } from './aggregate.figures';
import type { DimensionValue } from './analytics-result';
import type { DwellResult } from './dwell.figures';
import type { ForecastFigures, ForecastResult } from './forecast.figures';
import type { FunnelResult } from './funnel.figures';
import type { HealthResult } from './health.figures';
import type { HeatmapResult } from './heatmap.figures';
import type { KpiValue } from './kpi.value';
import type { OverdueResult } from './overdue.result';
import type { TrendResult } from './trend.figures';

export type Cell = string | number | boolean | null;

/** A widget's figures as a table (header and rows), for CSV export. */
export interface WidgetTable {
  columns: string[];
  rows: Cell[][];
}

export type AnalyticsResult = FunnelResult | DwellResult | TrendResult | ForecastResult | HeatmapResult | HealthResult | AggregateResult | OverdueResult;

type Locale = 'zh-CN' | 'en';
const show = (label: Label | string | null | undefined, locale: Locale): string | null => (label == null ? null : typeof label === 'string' ? label : (label[locale] ?? label.en ?? null));
const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);
const days = (s: number | null) => (s === null ? null : Math.round((s / 86400) * 100) / 100);
const valueText = (v: DimensionValue, locale: Locale) => show(v.label, locale) ?? (v.value === null ? '' : String(v.value));

const FORECAST_COLUMNS = ['pipeline_count', 'pipeline_amount', 'weighted', 'commit', 'best_case', 'closed', 'conservative', 'neutral', 'optimistic'];
const forecastCells = (f: ForecastFigures): Cell[] => [f.pipeline.count, f.pipeline.amount, f.weighted.amount, f.commit.amount, f.bestCase.amount, f.closed.amount, f.scenarios.conservative.amount, f.scenarios.neutral.amount, f.scenarios.optimistic.amount];

/** The table of one analytics result (or a KPI value); labels in `locale`, durations in hours. */
export function widgetTable(result: AnalyticsResult | KpiValue, locale: Locale = 'zh-CN'): WidgetTable {
  if (!('query' in result)) return { columns: ['figure', 'value'], rows: [[result.figure, result.value]] };
  switch (result.query) {
    case 'funnel':
      return {
        columns: ['stage', 'label', 'type', 'count', 'amount', 'reached', 'conversion_to_next', 'conversion_to_won'],
        rows: result.stages.map((s) => [s.stage, show(s.label, locale), s.type, s.count, s.amount, s.reached?.count ?? null, s.conversionToNext, s.conversionToWon]),
      };
    case 'dwell':
      return {
        columns: ['stage', 'label', 'visits', 'records', 'avg_hours', 'median_hours', 'p90_hours', 'current', 'overdue'],
        rows: result.stages.map((s) => [s.stage, show(s.label, locale), s.visits, s.records.count, hours(s.avgSeconds), hours(s.medianSeconds), hours(s.p90Seconds), s.current.count, s.overdue?.count ?? null]),
      };
    case 'trend':
      return {
        columns: ['period', 'start', 'end', 'new', 'won', 'lost', 'conversion'],
        rows: result.periods.map((p) => [p.key, p.start, p.end, p.new.count, p.won.count, p.lost.count, p.conversion.rate]),
      };
    case 'forecast': {
      if (result.groups) {
        return {
          columns: ['group', 'period', 'start', 'end', ...FORECAST_COLUMNS],
          rows: result.groups.flatMap((g) => g.periods.map((p) => [valueText(g, locale), p.key, p.start, p.end, ...forecastCells(p)])),
        };
      }
      return { columns: ['period', 'start', 'end', ...FORECAST_COLUMNS], rows: [...result.periods.map((p) => [p.key, p.start, p.end, ...forecastCells(p)]), ['unscheduled', null, null, ...forecastCells(result.unscheduled)]] };
    }
    case 'heatmap': {
      const labels = new Map(result.values.map((v) => [v.value, valueText(v, locale)]));
      const stageLabels = new Map(result.stages.map((s) => [s.stage, show(s.label, locale)]));
      return {
        columns: ['stage', 'stage_label', result.dimension, 'label', 'reached', 'lost', 'loss_rate'],
        rows: result.cells.map((c) => [c.stage, stageLabels.get(c.stage) ?? null, c.value, labels.get(c.value) ?? null, c.reached.count, c.lost.count, c.lossRate]),
      };
    }
    case 'aggregate': {
      const label = (dim: AggregateResult['rows'], v: unknown) => {
        const found = dim?.values.find((x) => x.value === v);
        return found ? valueText(found, locale) : null;
      };
      const dims = [...(result.rows ? [result.rows.field, `${result.rows.field}_label`] : []), ...(result.columns ? [result.columns.field, `${result.columns.field}_label`] : [])];
      return {
        columns: [...dims, 'count', 'sum', 'avg'],
        rows: result.cells.map((c) => [
          ...(result.rows ? [c.row ?? null, label(result.rows, c.row)] : []),
          ...(result.columns ? [c.column ?? null, label(result.columns, c.column)] : []),
          c.count,
          c.sum,
          c.avg,
        ]),
      };
    }
    case 'health':
      return {
        columns: ['metric', 'step', 'count', 'value', 'baseline'],
        rows: [
          ['first_follow_up_hours', null, result.firstFollowUp.followedUp, hours(result.firstFollowUp.avgSeconds), null],
          ['actions_on_time_share', null, result.actionsOnTime.due, result.actionsOnTime.share, null],
          ...result.approvalResponse.map((a): Cell[] => ['approval_response_hours', `${a.flow}.${a.step}`, a.responses, hours(a.avgSeconds), null]),
          ['sales_cycle_days', null, result.salesCycle.current.count, days(result.salesCycle.current.avgSeconds), days(result.salesCycle.baseline.avgSeconds)],
          ['sales_cycle_shortening', null, null, result.salesCycle.shortening, null],
        ],
      };
    case 'overdue':
      return {
        columns: ['id', 'stage', 'entered_at', 'due_at', ...result.fields],
        rows: result.rows.map((r) => [r.id, r.stage, r.enteredAt, r.dueAt, ...result.fields.map((f) => toCell(r.record[f]))]),
      };
  }
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
