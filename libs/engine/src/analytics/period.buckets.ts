import { addDays, addMonths, formatLocalDate, isoWeekday, localDateOf, startOfLocalDay, type LocalDate } from './time-zone.calendar';

export type PeriodInterval = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const PERIOD_INTERVALS: readonly PeriodInterval[] = ['day', 'week', 'month', 'quarter', 'year'];

/** One calendar period [start, end) in a time zone. Weeks start on Monday. */
export interface PeriodBucket {
  /** 2026-03-05, 2026-W10, 2026-03, 2026-Q1, 2026 */
  key: string;
  /** First instant, ISO 8601 (UTC). */
  start: string;
  /** First instant after it. */
  end: string;
  /** First day, YYYY-MM-DD (for date columns). */
  startDate: string;
  /** First day after it. */
  endDate: string;
}

/** At most this many buckets in one answer (ten years of weeks is 522). */
export const MAX_BUCKETS = 600;

/** The first day of the period that contains `d`. */
export function periodStart(d: LocalDate, interval: PeriodInterval): LocalDate {
  switch (interval) {
    case 'day':
      return d;
    case 'week':
      return addDays(d, 1 - isoWeekday(d));
    case 'month':
      return { year: d.year, month: d.month, day: 1 };
    case 'quarter':
      return { year: d.year, month: d.month - ((d.month - 1) % 3), day: 1 };
    case 'year':
      return { year: d.year, month: 1, day: 1 };
  }
}

/** The first day of the period `n` periods after the one starting on `start`. */
export function shiftPeriod(start: LocalDate, interval: PeriodInterval, n: number): LocalDate {
  switch (interval) {
    case 'day':
      return addDays(start, n);
    case 'week':
      return addDays(start, 7 * n);
    case 'month':
      return addMonths(start, n);
    case 'quarter':
      return addMonths(start, 3 * n);
    case 'year':
      return addMonths(start, 12 * n);
  }
}

/** ISO 8601 week-numbering year and week of a Monday-started week. */
function isoWeek(monday: LocalDate): { year: number; week: number } {
  const thursday = addDays(monday, 3);
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  const dayOfYear = (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(jan1.year, 0, 1)) / 86_400_000;
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

export function periodKey(start: LocalDate, interval: PeriodInterval): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (interval) {
    case 'day':
      return formatLocalDate(start);
    case 'week': {
      const w = isoWeek(start);
      return `${w.year}-W${pad(w.week)}`;
    }
    case 'month':
      return `${start.year}-${pad(start.month)}`;
    case 'quarter':
      return `${start.year}-Q${(start.month - 1) / 3 + 1}`;
    case 'year':
      return String(start.year);
  }
}

function bucket(start: LocalDate, interval: PeriodInterval, timeZone: string): PeriodBucket {
  const next = shiftPeriod(start, interval, 1);
  return {
    key: periodKey(start, interval),
    start: startOfLocalDay(start, timeZone).toISOString(),
    end: startOfLocalDay(next, timeZone).toISOString(),
    startDate: formatLocalDate(start),
    endDate: formatLocalDate(next),
  };
}

/**
 * The calendar periods that cover [from, to): from the one containing `from` to the one
 * containing the last instant before `to`. Undefined when that would be more than
 * MAX_BUCKETS; empty when `to` is not after `from`.
 */
export function periodBuckets(from: Date, to: Date, interval: PeriodInterval, timeZone: string): PeriodBucket[] | undefined {
  if (to.getTime() <= from.getTime()) return [];
  const last = new Date(to.getTime() - 1);
  const out: PeriodBucket[] = [];
  for (let start = periodStart(localDateOf(from, timeZone), interval); ; start = shiftPeriod(start, interval, 1)) {
    const b = bucket(start, interval, timeZone);
    out.push(b);
    if (out.length > MAX_BUCKETS) return undefined;
    if (Date.parse(b.end) > last.getTime()) return out;
  }
}

/**
 * `count` whole periods relative to the one containing `now`: `offset` 0 starts with
 * the current one, -11 ends twelve periods with the current one.
 */
export function periodsFrom(now: Date, interval: PeriodInterval, timeZone: string, offset: number, count: number): PeriodBucket[] {
  const current = periodStart(localDateOf(now, timeZone), interval);
  return Array.from({ length: count }, (_, i) => bucket(shiftPeriod(current, interval, offset + i), interval, timeZone));
}

/** Thresholds for SQL's width_bucket: every start, then the last end (bucket i is [t[i-1], t[i])). */
export const bucketBounds = (buckets: readonly PeriodBucket[], as: 'instant' | 'date'): string[] =>
  buckets.length === 0 ? [] : [...buckets.map((b) => (as === 'date' ? b.startDate : b.start)), as === 'date' ? buckets[buckets.length - 1].endDate : buckets[buckets.length - 1].end];
