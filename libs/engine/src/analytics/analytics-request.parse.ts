import type { ValidationIssue } from '../records/validation-issue';
import type { AggregateMeasure } from './aggregate.figures';
import { PERIOD_INTERVALS, periodBuckets, periodsFrom, type PeriodBucket, type PeriodInterval } from './period.buckets';
import { presetPeriod, PERIOD_PRESETS, previousPeriod, type Period, type PeriodPreset } from './period.presets';
import { isTimeZone, parseLocalDate, startOfLocalDay } from './time-zone.calendar';

export type AnalyticsQuery = 'funnel' | 'dwell' | 'trend' | 'forecast' | 'heatmap' | 'health' | 'aggregate' | 'overdue';
export const ANALYTICS_QUERIES: readonly AnalyticsQuery[] = ['funnel', 'dwell', 'trend', 'forecast', 'heatmap', 'health', 'aggregate', 'overdue'];

/** A part of the base record filter (list filter JSON) and the request pointer it came from. */
export interface FilterPart {
  path: string;
  filter: unknown;
}

/** A request to one analytics query, checked and with its defaults filled in. */
export interface AnalyticsRequest {
  query: AnalyticsQuery;
  timeZone: string;
  now: Date;
  /** The base filter, in parts (each checked against the object by the records module). */
  filters: FilterPart[];
  /** An org unit: records filed under it or below (the server resolves the units). */
  unit?: string;
  /** The field whose value places a record in `period` (funnel, dwell, heatmap, aggregate, trend's new records). */
  dateField: string;
  /** Half-open range of dateField; absent: all records. For health: the report's period. */
  period?: Partial<Period>;
  interval: PeriodInterval;
  /** Trend and forecast periods. */
  buckets: PeriodBucket[];
  /** Health: the period compared with. */
  baseline?: Period;
  dimension?: string;
  groupBy?: string;
  fromStage?: string;
  toStage?: string;
  /** Overdue list: rows and fields shown. */
  limit: number;
  fields?: string[];
  /** Health: what counts as a follow-up (`<object>.<relation field>`), else the first stage move. */
  followUp?: { object: string; via: string };
  measure: AggregateMeasure;
  field?: string;
  rows?: string;
  columns?: string;
}

export type RawAnalyticsParams = Record<string, unknown>;

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
const DEFAULT_PERIODS: Partial<Record<AnalyticsQuery, number>> = { trend: 12, forecast: 3 };
const DEFAULT_INTERVAL: Partial<Record<AnalyticsQuery, PeriodInterval>> = { trend: 'month', forecast: 'month', health: 'week' };

/** Every parameter a query reads, for the `unknown parameter` check. */
const COMMON = ['tz', 'period', 'from', 'to', 'dateField', 'owner', 'unit', 'filter'];
const PARAMS: Record<AnalyticsQuery, string[]> = {
  funnel: COMMON,
  dwell: COMMON,
  heatmap: [...COMMON, 'dimension'],
  trend: [...COMMON, 'interval', 'periods', 'fromStage', 'toStage'],
  forecast: [...COMMON, 'interval', 'periods', 'groupBy'],
  health: [...COMMON, 'interval', 'followUp', 'baselineFrom', 'baselineTo'],
  aggregate: [...COMMON, 'measure', 'field', 'rows', 'columns'],
  overdue: [...COMMON, 'limit', 'fields'],
};

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/**
 * Checks the query-string parameters of an analytics request and fills in defaults:
 * periods in `tz` (default UTC; weeks start on Monday), the base filter in parts
 * (`filter` as list filter JSON, `owner=<id>,<id>`, `f.<select field>=a,b`), and the
 * query's own settings. Every problem is reported with a pointer to its parameter.
 */
export function parseAnalyticsRequest(query: AnalyticsQuery, raw: RawAnalyticsParams, now: Date, defaults: { timeZone?: string } = {}): { request: AnalyticsRequest; errors: [] } | { request?: undefined; errors: ValidationIssue[] } {
  const errors: ValidationIssue[] = [];
  const bad = (param: string, message: string, code = 'param.invalid') => errors.push({ path: `/${param}`, code, message });
  const str = (param: string) => text(raw[param]);
  const key = (param: string): string | undefined => {
    const v = str(param);
    if (v !== undefined && !KEY.test(v)) bad(param, `${param} must be a field or stage key`);
    return v !== undefined && KEY.test(v) ? v : undefined;
  };

  const known = new Set(PARAMS[query]);
  for (const name of Object.keys(raw)) {
    if (!known.has(name) && !(name.startsWith('f.') || name === 'f')) bad(name, `${query} takes no parameter ${JSON.stringify(name)} (it takes ${[...known].join(', ')}, f.<field>)`, 'param.unknown');
  }

  const timeZone = str('tz') ?? defaults.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) bad('tz', `unknown time zone ${JSON.stringify(timeZone)} (an IANA name such as Asia/Shanghai)`);
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';

  const instant = (param: string): Date | undefined => {
    const v = str(param);
    if (v === undefined || v === '') return undefined;
    const day = parseLocalDate(v);
    if (day) return startOfLocalDay(day, zone);
    if (INSTANT.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v);
    bad(param, `${param} must be a day (YYYY-MM-DD, midnight in ${zone}) or an instant with its offset`);
    return undefined;
  };

  const interval = (str('interval') ?? DEFAULT_INTERVAL[query] ?? 'month') as PeriodInterval;
  if (!PERIOD_INTERVALS.includes(interval)) bad('interval', `interval must be one of ${PERIOD_INTERVALS.join(', ')}`);

  // The period: a preset, or from/to (either end may be open), half-open [from, to).
  let period: Partial<Period> | undefined;
  const preset = str('period') as PeriodPreset | undefined;
  if (preset !== undefined) {
    if (!PERIOD_PRESETS.includes(preset)) bad('period', `period must be one of ${PERIOD_PRESETS.join(', ')}`);
    else if (raw.from !== undefined || raw.to !== undefined) bad('period', 'give a period or from/to, not both');
    else period = presetPeriod(preset, now, zone);
  } else {
    const from = instant('from');
    const to = instant('to');
    if (from && to && to.getTime() <= from.getTime()) bad('to', 'to must be after from');
    if (from || to) period = { ...(from && { from }), ...(to && { to }) };
  }

  const periodsRaw = str('periods');
  const periods = periodsRaw === undefined ? (DEFAULT_PERIODS[query] ?? 1) : Number(periodsRaw);
  if (!Number.isInteger(periods) || periods < 1 || periods > 120) bad('periods', 'periods must be a whole number from 1 to 120');

  // Trend periods end with the current one, forecast periods start with it; from/to override both.
  let buckets: PeriodBucket[] = [];
  if ((query === 'trend' || query === 'forecast') && errors.length === 0) {
    if (period?.from && period.to) {
      const b = periodBuckets(period.from, period.to, interval, zone);
      if (!b) bad('to', 'too many periods; choose a longer interval');
      else buckets = b;
    } else if (period) bad(period.from ? 'to' : 'from', 'trend and forecast need both from and to, or neither');
    else buckets = periodsFrom(now, interval, zone, query === 'trend' ? 1 - periods : 0, periods);
  }

  // Health: the last complete period by default, compared with the one before it.
  let baseline: Period | undefined;
  if (query === 'health' && errors.length === 0) {
    if (!period) {
      const [before, last] = periodsFrom(now, interval, zone, -2, 2);
      period = { from: new Date(last.start), to: new Date(last.end) };
      baseline = { from: new Date(before.start), to: new Date(before.end) };
    } else if (!period.from || !period.to) bad(period.from ? 'to' : 'from', 'health needs both from and to, or neither');
    const bFrom = instant('baselineFrom');
    const bTo = instant('baselineTo');
    if (bFrom && bTo) {
      if (bTo.getTime() <= bFrom.getTime()) bad('baselineTo', 'baselineTo must be after baselineFrom');
      baseline = { from: bFrom, to: bTo };
    } else if (bFrom || bTo) bad(bFrom ? 'baselineTo' : 'baselineFrom', 'give both baselineFrom and baselineTo, or neither');
    else if (!baseline && period?.from && period.to) baseline = previousPeriod(period as Period);
  }

  // The base filter, in parts.
  const filters: FilterPart[] = [];
  const rawFilter = raw.filter;
  if (rawFilter !== undefined && rawFilter !== '') {
    let parsed: unknown = rawFilter;
    if (typeof rawFilter === 'string') {
      try {
        parsed = JSON.parse(rawFilter);
      } catch {
        bad('filter', 'filter is not valid JSON (the record list filter syntax)');
        parsed = undefined;
      }
    }
    if (parsed !== undefined) filters.push({ path: '/filter', filter: parsed });
  }
  const owner = str('owner');
  if (owner !== undefined) {
    const ids = owner.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 0 || ids.length > 500 || !ids.every((id) => UUID.test(id))) bad('owner', 'owner must be one or more user ids, comma-separated');
    else filters.push({ path: '/owner', filter: ids.length === 1 ? { field: 'owner_id', op: 'eq', value: ids[0] } : { field: 'owner_id', op: 'in', value: ids } });
  }
  const unit = str('unit');
  if (unit !== undefined && !UUID.test(unit)) bad('unit', 'unit must be an org unit id');
  const shorthand = Object.entries(raw).filter(([k]) => k.startsWith('f.'));
  if (raw.f && typeof raw.f === 'object' && !Array.isArray(raw.f)) shorthand.push(...Object.entries(raw.f as Record<string, unknown>).map(([k, v]): [string, unknown] => [`f.${k}`, v]));
  for (const [name, value] of shorthand) {
    const field = name.slice(2);
    const values = (text(value) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (!KEY.test(field)) bad(name, `${name}: f.<field> names a field`);
    else if (values.length === 0) bad(name, `${name} needs at least one value`);
    else filters.push({ path: `/${name}`, filter: values.length === 1 ? { field, op: 'eq', value: values[0] } : { field, op: 'in', value: values } });
  }

  const dateField = key('dateField') ?? 'created_at';

  const limitRaw = str('limit');
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) bad('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const fieldsRaw = str('fields');
  const fields = fieldsRaw === undefined ? undefined : fieldsRaw.split(',').map((s) => s.trim()).filter(Boolean);
  if (fields?.some((f) => !KEY.test(f))) bad('fields', 'fields are field keys, comma-separated');

  let followUp: AnalyticsRequest['followUp'];
  const follow = str('followUp');
  if (follow !== undefined && follow !== 'stage') {
    const [object, via, ...rest] = follow.split('.');
    if (!object || !via || rest.length || !KEY.test(object) || !KEY.test(via)) bad('followUp', 'followUp is <object>.<relation field> (a related record, e.g. activity.opportunity) or stage');
    else followUp = { object, via };
  }

  const measure = (str('measure') ?? 'count') as AggregateMeasure;
  if (!['count', 'sum', 'avg'].includes(measure)) bad('measure', 'measure must be count, sum or avg');
  const field = key('field');
  if (measure !== 'count' && !field) bad('field', `measure ${measure} needs the field it aggregates`);
  if (query === 'heatmap' && !str('dimension')) bad('dimension', 'heatmap needs a dimension (owner_id, org_unit_id or a select field)');
  const [dimension, groupBy, fromStage, toStage, rows, columns] = ['dimension', 'groupBy', 'fromStage', 'toStage', 'rows', 'columns'].map(key);

  if (errors.length > 0) return { errors };
  return {
    request: {
      query,
      timeZone: zone,
      now,
      filters,
      ...(unit && { unit: unit.toLowerCase() }),
      dateField,
      ...(period && { period }),
      interval,
      buckets,
      ...(baseline && { baseline }),
      ...(dimension && { dimension }),
      ...(groupBy && { groupBy }),
      ...(fromStage && { fromStage }),
      ...(toStage && { toStage }),
      limit,
      ...(fields && { fields }),
      ...(followUp && { followUp }),
      measure,
      ...(field && { field }),
      ...(rows && { rows }),
      ...(columns && { columns }),
    },
    errors: [],
  };
}
