import type { FilterNode } from '../records/list-query.parse';
import { inRange } from './drill-down.filter';
import { periodStart, shiftPeriod, type PeriodInterval } from './period.buckets';
import { addDays, addMonths, formatLocalDate, localDateOf, startOfLocalDay } from './time-zone.calendar';

export type PeriodPreset =
  | 'thisWeek' | 'thisMonth' | 'thisQuarter' | 'thisYear'
  | 'lastWeek' | 'lastMonth' | 'lastQuarter' | 'lastYear'
  | 'last7Days' | 'last30Days' | 'last90Days' | 'last12Months' | 'all';

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  'thisWeek', 'thisMonth', 'thisQuarter', 'thisYear', 'lastWeek', 'lastMonth', 'lastQuarter', 'lastYear', 'last7Days', 'last30Days', 'last90Days', 'last12Months', 'all',
];

/** A half-open range of instants [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

const CALENDAR: Partial<Record<PeriodPreset, [PeriodInterval, number]>> = {
  thisWeek: ['week', 0], thisMonth: ['month', 0], thisQuarter: ['quarter', 0], thisYear: ['year', 0],
  lastWeek: ['week', -1], lastMonth: ['month', -1], lastQuarter: ['quarter', -1], lastYear: ['year', -1],
};

/**
 * The range a preset names at `now` in `timeZone`: calendar periods (this or last week,
 * month, quarter, year; weeks start on Monday), or the last N days including today, or
 * the last twelve months including this one. `all` has no range (undefined).
 */
export function presetPeriod(preset: PeriodPreset, now: Date, timeZone: string): Period | undefined {
  const today = localDateOf(now, timeZone);
  const calendar = CALENDAR[preset];
  if (calendar) {
    const start = shiftPeriod(periodStart(today, calendar[0]), calendar[0], calendar[1]);
    return { from: startOfLocalDay(start, timeZone), to: startOfLocalDay(shiftPeriod(start, calendar[0], 1), timeZone) };
  }
  const tomorrow = startOfLocalDay(addDays(today, 1), timeZone);
  switch (preset) {
    case 'last7Days':
      return { from: startOfLocalDay(addDays(today, -6), timeZone), to: tomorrow };
    case 'last30Days':
      return { from: startOfLocalDay(addDays(today, -29), timeZone), to: tomorrow };
    case 'last90Days':
      return { from: startOfLocalDay(addDays(today, -89), timeZone), to: tomorrow };
    case 'last12Months': {
      const month = periodStart(today, 'month');
      return { from: startOfLocalDay(addMonths(month, -11), timeZone), to: startOfLocalDay(addMonths(month, 1), timeZone) };
    }
    default:
      return undefined;
  }
}

/** The period of the same length just before `p` (a baseline to compare with). */
export const previousPeriod = (p: Period): Period => ({ from: new Date(2 * p.from.getTime() - p.to.getTime()), to: p.from });

/**
 * The list filter placing a record's `field` in [from, to): instants for a datetime field;
 * for a date field the days of the range in `timeZone` (a day counts when the range
 * covers any of it, so "to now" includes today).
 */
export function periodFilter(field: string, kind: 'date' | 'datetime', period: Partial<Period>, timeZone: string): FilterNode | undefined {
  if (kind === 'datetime') return inRange(field, period.from?.toISOString(), period.to?.toISOString());
  const day = (d: Date) => formatLocalDate(localDateOf(d, timeZone));
  const endDay = (d: Date) => {
    const local = localDateOf(d, timeZone);
    return formatLocalDate(startOfLocalDay(local, timeZone).getTime() === d.getTime() ? local : addDays(local, 1));
  };
  return inRange(field, period.from && day(period.from), period.to && endDay(period.to));
}
