import type { CompareCondition, DashboardDefinition, KpiFigure, Widget } from '@tessera/metadata';
import type { FilterNode } from '../records/list-query.parse';
import type { AnalyticsQuery, RawAnalyticsParams } from './analytics-request.parse';
import { periodsFrom, type PeriodInterval } from './period.buckets';

/** What evaluating one widget means: an analytics query over an object, with its parameters as the API takes them. */
export interface WidgetQuery {
  query: AnalyticsQuery;
  object: string;
  params: RawAnalyticsParams;
  /** For a KPI: the figure taken from the query's result. */
  figure?: KpiFigure | 'count' | 'sum' | 'avg';
}

/** A compare condition of a widget's `where` as a list filter leaf. */
export function compareToFilter(c: CompareCondition): FilterNode {
  if (c.op === 'isEmpty' || c.op === 'notEmpty') return { field: c.field, op: 'isEmpty', value: c.op === 'isEmpty' };
  return { field: c.field, op: c.op, value: c.value };
}

/** Which query computes each KPI figure. */
export const KPI_FIGURE_QUERY: Record<KpiFigure, AnalyticsQuery> = {
  openCount: 'funnel',
  openAmount: 'funnel',
  wonCount: 'funnel',
  wonAmount: 'funnel',
  lostCount: 'funnel',
  conversionToWon: 'funnel',
  overdueCount: 'dwell',
  weighted: 'forecast',
  conservative: 'forecast',
  neutral: 'forecast',
  optimistic: 'forecast',
  firstFollowUpHours: 'health',
  actionsOnTimeShare: 'health',
  salesCycleDays: 'health',
  salesCycleShortening: 'health',
};

/** Request parameters a dashboard's filter bar passes on to every widget. */
const RUNTIME = ['tz', 'period', 'from', 'to', 'owner', 'unit', 'filter'] as const;
/** Queries that place records in the dashboard's period (trend and forecast have their own periods). */
const COHORT: readonly AnalyticsQuery[] = ['funnel', 'dwell', 'heatmap', 'aggregate', 'overdue'];

export interface WidgetQueryContext {
  /** The object a pipeline belongs to. */
  pipelineObject(pipeline: string): string | undefined;
  /** Whether an object has a field (filter-bar fields apply only where they exist). */
  hasField(object: string, field: string): boolean;
  now: Date;
}

/**
 * Maps a dashboard widget to the analytics query that computes it. The dashboard's
 * filter bar (`runtime`: period or from/to, owner, unit, filter, f.<field>) applies to
 * every widget whose object has the field; the widget's `where` is added to the filter;
 * trend and forecast keep their own periods; a KPI with a `period` counts the current
 * calendar period. Undefined when the widget's pipeline does not exist.
 */
export function widgetQuery(dashboard: DashboardDefinition, widget: Widget, runtime: RawAnalyticsParams, ctx: WidgetQueryContext): WidgetQuery | undefined {
  const object = 'object' in widget ? widget.object : ctx.pipelineObject(widget.pipeline);
  if (!object) return undefined;
  const mapped = map(widget, ctx.now);
  const params: RawAnalyticsParams = {};
  const tz = typeof runtime.tz === 'string' ? runtime.tz : (dashboard.timeZone ?? 'UTC');
  params.tz = tz;
  for (const name of RUNTIME) if (name !== 'tz' && name !== 'filter' && runtime[name] !== undefined) params[name] = runtime[name];
  for (const [name, value] of Object.entries(runtime)) if (name.startsWith('f.') && ctx.hasField(object, name.slice(2))) params[name] = value;
  if (params.owner !== undefined && !ctx.hasField(object, 'owner_id')) delete params.owner;

  const leaves = (widget.where ?? []).map(compareToFilter);
  const runtimeFilter = readFilter(runtime.filter);
  if (runtimeFilter === INVALID) params.filter = runtime.filter; // reported by the query's own check, with its pointer
  else {
    const parts = [...leaves, ...(runtimeFilter ? [runtimeFilter] : [])];
    if (parts.length) params.filter = JSON.stringify(parts.length === 1 ? parts[0] : { and: parts });
  }

  const cohort = COHORT.includes(mapped.query) || (widget.type === 'kpi' && mapped.query !== 'forecast' && mapped.query !== 'health');
  if (cohort && widget.dateField) params.dateField = widget.dateField;
  if (!cohort) for (const name of ['period', 'from', 'to'] as const) delete params[name];
  else if (params.period === undefined && params.from === undefined && params.to === undefined && dashboard.period && dashboard.period !== 'all') params.period = dashboard.period;
  const own = mapped.params(tz);
  // A widget's own period (a KPI's current month) replaces the dashboard's.
  if (own.from !== undefined || own.to !== undefined) delete params.period;
  Object.assign(params, own);
  return { query: mapped.query, object, params, ...(mapped.figure && { figure: mapped.figure }) };
}

const INVALID = Symbol('invalid filter');

/** The filter bar's filter: list filter JSON, as text or already parsed. */
function readFilter(raw: unknown): FilterNode | undefined | typeof INVALID {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') return raw as FilterNode;
  try {
    return JSON.parse(raw) as FilterNode;
  } catch {
    return INVALID;
  }
}

interface Mapped {
  query: AnalyticsQuery;
  params: (tz: string) => RawAnalyticsParams;
  figure?: WidgetQuery['figure'];
}

const none = () => ({});

/** The current calendar period of `interval` as from/to (replacing the dashboard's period). */
function current(interval: PeriodInterval, now: Date, tz: string, offset = 0): { from: string; to: string } {
  const [b] = periodsFrom(now, interval, tz, offset, 1);
  return { from: b.start, to: b.end };
}

function map(widget: Widget, now: Date): Mapped {
  switch (widget.type) {
    case 'funnel':
      return { query: 'funnel', params: none };
    case 'stageDwell':
      return { query: 'dwell', params: none };
    case 'conversionTrend':
      return {
        query: 'trend',
        params: () => ({ interval: widget.interval, periods: String(widget.periods ?? 12), ...(widget.from && { fromStage: widget.from }), ...(widget.to && { toStage: widget.to }) }),
      };
    case 'weightedForecast':
      return { query: 'forecast', params: () => ({ interval: widget.interval, periods: String(widget.periods ?? 4), ...(widget.groupBy && { groupBy: widget.groupBy }) }) };
    case 'overdueList':
      return { query: 'overdue', params: () => ({ fields: widget.columns.join(','), limit: String(widget.limit ?? 20) }) };
    case 'heatmap':
      if (widget.measure === 'lossRate') return { query: 'heatmap', params: () => ({ dimension: widget.columns }) };
      return { query: 'aggregate', params: () => ({ measure: widget.measure ?? 'count', ...(widget.field && { field: widget.field }), rows: widget.rows, columns: widget.columns }) };
    case 'health':
      return { query: 'health', params: () => ({ interval: widget.interval ?? 'week', ...(widget.followUp && { followUp: `${widget.followUp.object}.${widget.followUp.via}` }) }) };
    case 'kpi': {
      const interval = widget.period;
      if (widget.figure) {
        const query = KPI_FIGURE_QUERY[widget.figure];
        const params = (tz: string): RawAnalyticsParams => {
          if (query === 'forecast') return { interval: interval ?? 'month', periods: '1' };
          if (query === 'health') {
            const i = interval ?? 'week';
            const period = current(i, now, tz);
            const before = current(i, now, tz, -1);
            return { interval: i, from: period.from, to: period.to, baselineFrom: before.from, baselineTo: before.to };
          }
          return interval ? current(interval, now, tz) : {};
        };
        return { query, params, figure: widget.figure };
      }
      const measure = widget.measure ?? 'count';
      return { query: 'aggregate', params: (tz) => ({ measure, ...(widget.field && { field: widget.field }), ...(interval && current(interval, now, tz)) }), figure: measure };
    }
  }
}
