import { bucketBounds, periodBuckets, periodsFrom, type PeriodInterval } from './period.buckets';
import { periodFilter, presetPeriod, previousPeriod, type PeriodPreset } from './period.presets';
import { startOfLocalDay } from './time-zone.calendar';

const at = (iso: string) => new Date(iso);

describe('periodBuckets', () => {
  it.each<[string, string, string, PeriodInterval, string, string[], string, string]>([
    // from, to, zone, interval, what, keys, first start, last end
    ['2026-03-04T00:00:00Z', '2026-03-20T00:00:00Z', 'UTC', 'week', 'weeks start on Monday', ['2026-W10', '2026-W11', '2026-W12'], '2026-03-02T00:00:00.000Z', '2026-03-23T00:00:00.000Z'],
    ['2025-12-30T00:00:00Z', '2026-01-02T00:00:00Z', 'UTC', 'week', 'ISO week 1 of 2026 starts in 2025', ['2026-W01'], '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
    ['2026-01-15T00:00:00Z', '2026-04-01T00:00:00Z', 'UTC', 'month', 'the end is exclusive', ['2026-01', '2026-02', '2026-03'], '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00Z', '2026-01-31T16:00:00Z', 'Asia/Shanghai', 'month', 'months start at local midnight (UTC+8)', ['2026-01'], '2025-12-31T16:00:00.000Z', '2026-01-31T16:00:00.000Z'],
    ['2026-02-15T00:00:00Z', '2026-08-15T00:00:00Z', 'UTC', 'quarter', 'quarters', ['2026-Q1', '2026-Q2', '2026-Q3'], '2026-01-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    ['2026-03-28T00:00:00Z', '2026-03-30T22:00:00Z', 'Europe/Berlin', 'day', 'days across a daylight-saving change', ['2026-03-28', '2026-03-29', '2026-03-30'], '2026-03-27T23:00:00.000Z', '2026-03-30T22:00:00.000Z'],
    ['2026-06-01T00:00:00Z', '2027-01-01T00:00:00Z', 'UTC', 'year', 'years', ['2026'], '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s..%s in %s by %s: %s', (from, to, zone, interval, _what, keys, first, last) => {
    const b = periodBuckets(at(from), at(to), interval, zone)!;
    expect(b.map((x) => x.key)).toEqual(keys);
    expect(b[0].start).toBe(first);
    expect(b[b.length - 1].end).toBe(last);
    // Buckets tile the range: each ends where the next starts.
    b.slice(1).forEach((x, i) => expect(x.start).toBe(b[i].end));
  });

  it('gives day strings for date columns and one more bound than buckets', () => {
    const b = periodBuckets(at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), 'month', 'UTC')!;
    expect(b.map((x) => [x.startDate, x.endDate])).toEqual([['2026-01-01', '2026-02-01'], ['2026-02-01', '2026-03-01']]);
    expect(bucketBounds(b, 'date')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(bucketBounds(b, 'instant')).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('is empty for an empty range and refuses too many buckets', () => {
    expect(periodBuckets(at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'day', 'UTC')).toEqual([]);
    expect(periodBuckets(at('2000-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'day', 'UTC')).toBeUndefined();
  });

  it('counts periods back and ahead of the current one', () => {
    const now = at('2026-03-18T10:00:00Z');
    expect(periodsFrom(now, 'month', 'UTC', -2, 3).map((b) => b.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(periodsFrom(now, 'week', 'UTC', 0, 2).map((b) => b.key)).toEqual(['2026-W12', '2026-W13']);
  });
});

describe('presetPeriod', () => {
  const now = at('2026-03-18T20:00:00Z'); // Thursday 04:00 on 19 March in Shanghai
  it.each<[PeriodPreset, string, string, string]>([
    ['thisWeek', 'UTC', '2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z'],
    ['thisWeek', 'Asia/Shanghai', '2026-03-15T16:00:00.000Z', '2026-03-22T16:00:00.000Z'],
    ['lastWeek', 'UTC', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z'],
    ['thisMonth', 'UTC', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['lastQuarter', 'UTC', '2025-10-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['lastYear', 'UTC', '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['last7Days', 'UTC', '2026-03-12T00:00:00.000Z', '2026-03-19T00:00:00.000Z'],
    ['last30Days', 'Asia/Shanghai', '2026-02-17T16:00:00.000Z', '2026-03-19T16:00:00.000Z'],
    ['last12Months', 'UTC', '2025-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
  ])('%s in %s', (preset, zone, from, to) => {
    const p = presetPeriod(preset, now, zone)!;
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual([from, to]);
  });

  it('has no range for all, and a baseline of the same length before a period', () => {
    expect(presetPeriod('all', now, 'UTC')).toBeUndefined();
    const p = { from: at('2026-03-10T00:00:00Z'), to: at('2026-03-17T00:00:00Z') };
    expect(previousPeriod(p)).toEqual({ from: at('2026-03-03T00:00:00Z'), to: p.from });
  });

  it('finds local midnight in zones with and without daylight saving', () => {
    expect(startOfLocalDay({ year: 2026, month: 10, day: 25 }, 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDay({ year: 2026, month: 10, day: 26 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfLocalDay({ year: 2026, month: 1, day: 1 }, 'America/New_York').toISOString()).toBe('2026-01-01T05:00:00.000Z');
  });
});

describe('periodFilter', () => {
  const period = { from: at('2026-03-01T16:00:00Z'), to: at('2026-03-18T10:00:00Z') };
  it.each([
    ['instants on a datetime field', 'datetime', 'UTC', { and: [{ field: 'd', op: 'gte', value: '2026-03-01T16:00:00.000Z' }, { field: 'd', op: 'lt', value: '2026-03-18T10:00:00.000Z' }] }],
    ['the covered days on a date field, today included', 'date', 'UTC', { and: [{ field: 'd', op: 'gte', value: '2026-03-01' }, { field: 'd', op: 'lt', value: '2026-03-19' }] }],
    ['the days in the time zone', 'date', 'Asia/Shanghai', { and: [{ field: 'd', op: 'gte', value: '2026-03-02' }, { field: 'd', op: 'lt', value: '2026-03-19' }] }],
  ] as const)('%s', (_what, kind, zone, expected) => expect(periodFilter('d', kind, period, zone)).toEqual(expected));

  it('ends a date range at a day that starts exactly at `to`, and leaves open ends open', () => {
    expect(periodFilter('d', 'date', { to: at('2026-03-18T00:00:00Z') }, 'UTC')).toEqual({ field: 'd', op: 'lt', value: '2026-03-18' });
    expect(periodFilter('d', 'date', {}, 'UTC')).toBeUndefined();
  });
});
