import { countMatching, pipeline, type TestRecord } from '../../test/analytics.fixture';
import { dwellFigures } from './dwell.figures';
import { forecastFigures, type ForecastRow } from './forecast.figures';
import { periodBuckets } from './period.buckets';
import { trendFigures, type TrendRow } from './trend.figures';

const months = periodBuckets(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), 'month', 'UTC')!;

describe('trendFigures', () => {
  // January: 3 new (1 still lead, 1 won, 1 lost from quote); February: none; March: 2 new, 1 of them won in March.
  const records: TestRecord[] = [
    { id: '1', stage: 'lead', from: null, created_at: '2026-01-05T08:00:00.000Z', enteredAt: '2026-01-05T08:00:00.000Z' },
    { id: '2', stage: 'won', from: 'commit', created_at: '2026-01-10T08:00:00.000Z', enteredAt: '2026-03-02T08:00:00.000Z' },
    { id: '3', stage: 'lost', from: 'quote', created_at: '2026-01-20T08:00:00.000Z', enteredAt: '2026-01-28T08:00:00.000Z' },
    { id: '4', stage: 'qualify', from: 'lead', created_at: '2026-03-01T00:00:00.000Z', enteredAt: '2026-03-03T08:00:00.000Z' },
    { id: '5', stage: 'won', from: 'commit', created_at: '2026-03-31T23:59:59.999Z', enteredAt: '2026-03-31T23:59:59.999Z' },
  ];
  const bucketOf = (t: string) => months.findIndex((b) => t >= b.start && t < b.end) + 1 || null;
  const rows: TrendRow[] = records.map((r) => ({
    newBucket: bucketOf(r.created_at as string),
    closedBucket: r.stage === 'won' || r.stage === 'lost' ? bucketOf(r.enteredAt as string) : null,
    stage: r.stage as string,
    fromStage: r.stage === 'lost' ? (r.from as string) : null,
    count: 1,
  }));
  const t = trendFigures(pipeline, months, rows, { interval: 'month', dateField: 'created_at', dateKind: 'datetime', fromPosition: 1, toPosition: 5 }, undefined);

  it('counts new, won and lost per period, an empty period as zeros with no rate', () => {
    expect(t.periods.map((p) => [p.key, p.new.count, p.won.count, p.lost.count, p.conversion.rate])).toEqual([
      ['2026-01', 3, 0, 1, 1 / 3],
      ['2026-02', 0, 0, 0, null],
      ['2026-03', 2, 2, 0, 1 / 2],
    ]);
    expect([t.totals.new.count, t.totals.won.count, t.totals.lost.count, t.totals.conversion.rate]).toEqual([5, 2, 1, 2 / 5]);
  });

  it('gives each figure the filter of exactly its records', () => {
    for (const p of [...t.periods, t.totals]) {
      for (const f of [p.new, p.won, p.lost, p.conversion.part, p.conversion.whole]) expect(countMatching(records, f.filter)).toBe(f.count);
    }
  });

  it('converts between two open stages when asked', () => {
    const q = trendFigures(pipeline, months, rows, { interval: 'month', dateField: 'created_at', dateKind: 'datetime', fromPosition: 2, toPosition: 3 }, undefined);
    // January: reached qualify = won + lost from quote = 2; reached quote = the same 2.
    expect([q.periods[0].conversion.whole.count, q.periods[0].conversion.part.count, q.periods[0].conversion.rate]).toEqual([2, 2, 1]);
    expect(q.periods[2].conversion).toMatchObject({ rate: 1 / 2, whole: { count: 2 }, part: { count: 1 } });
  });
});

describe('forecastFigures', () => {
  const row = (bucket: number | null, stage: string, count: number, amount: string): ForecastRow => ({ bucket, stage, count, amount });
  const rows = [
    row(1, 'lead', 2, '1000.00'), // 10%
    row(1, 'quote', 1, '333.33'), // 60%, best case
    row(1, 'commit', 1, '1000.05'), // 90%, commit
    row(1, 'won', 1, '50.00'),
    row(3, 'qualify', 1, '10.01'), // 30%
    row(null, 'quote', 1, '99.99'),
  ];
  const f = forecastFigures(pipeline, months, 'month', rows, undefined);

  it('weights by stage probability and builds the three scenarios per period', () => {
    const jan = f.periods[0];
    // 1000 × 0.1 + 333.33 × 0.6 + 1000.05 × 0.9 = 100 + 199.998 + 900.045 = 1200.043
    expect(jan.weighted.amount).toBe('1200.04');
    expect(jan.pipeline).toMatchObject({ count: 4, amount: '2333.38' });
    expect(jan.scenarios).toMatchObject({ conservative: { amount: '1000.05' }, neutral: { amount: '1200.04' }, optimistic: { amount: '1333.38' } });
    expect(jan.closed).toMatchObject({ count: 1, amount: '50.00' });
  });

  it('keeps empty periods, totals only what falls in them and reports undated records apart', () => {
    expect(f.periods.map((p) => [p.key, p.pipeline.count, p.weighted.amount])).toEqual([
      ['2026-01', 4, '1200.04'],
      ['2026-02', 0, '0.00'],
      ['2026-03', 1, '3.00'],
    ]);
    expect(f.totals.weighted.amount).toBe('1203.05'); // 1200.043 + 3.003, rounded once
    expect(f.unscheduled).toMatchObject({ pipeline: { count: 1, amount: '99.99' }, weighted: { amount: '59.99' } });
  });

  it('points each figure at its stages and close dates', () => {
    const jan = f.periods[0];
    expect(jan.scenarios.optimistic.filter).toEqual({ and: [{ field: 'stage', op: 'in', value: ['quote', 'commit'] }, { field: 'close_date', op: 'gte', value: '2026-01-01' }, { field: 'close_date', op: 'lt', value: '2026-02-01' }] });
    expect(f.unscheduled.pipeline.filter).toEqual({ and: [{ field: 'stage', op: 'in', value: ['lead', 'qualify', 'quote', 'commit'] }, { field: 'close_date', op: 'isEmpty', value: true }] });
  });

  it('splits by a dimension, each group with its own series', () => {
    const g = forecastFigures(pipeline, months, 'month', [{ ...rows[0], value: 'east' }, { ...rows[2], value: null }], undefined, { field: 'region', values: [{ value: 'east', label: 'East' }, { value: null, label: null }] });
    expect(g.groups!.map((x) => [x.value, x.periods[0].weighted.amount])).toEqual([['east', '100.00'], [null, '900.05']]);
    expect(g.groups![1].periods[0].pipeline.filter).toMatchObject({ and: expect.arrayContaining([{ field: 'region', op: 'isEmpty', value: true }]) });
  });
});

describe('dwellFigures', () => {
  const asOf = new Date('2026-03-10T00:00:00Z');
  const thresholds = new Map([['lead', '2026-03-08T00:00:00.000Z'], ['quote', '2026-03-03T00:00:00.000Z']]);
  const d = dwellFigures(pipeline, [{ stage: 'lead', visits: 3, records: 2, avgSeconds: 100, medianSeconds: 90, p90Seconds: 150 }], [{ stage: 'lead', current: 4, overdue: 1 }, { stage: 'qualify', current: 2, overdue: 0 }], thresholds, asOf, undefined);

  it('reports stays per stage, what is in each stage now and what is over its timeout', () => {
    expect(d.stages.map((s) => [s.stage, s.visits, s.records.count, s.avgSeconds, s.current.count, s.overdue?.count ?? null])).toEqual([
      ['lead', 3, 2, 100, 4, 1],
      ['qualify', 0, 0, null, 2, null],
      ['quote', 0, 0, null, 0, 0],
      ['commit', 0, 0, null, 0, null],
      ['won', 0, 0, null, 0, null],
      ['lost', 0, 0, null, 0, null],
    ]);
    expect(d.totals.overdue.count).toBe(1);
  });

  it('drills into overdue records by stage and entry time', () => {
    expect(d.stages[0].overdue!.filter).toEqual({ and: [{ field: 'stage', op: 'eq', value: 'lead' }, { field: 'stage.entered_at', op: 'lte', value: '2026-03-08T00:00:00.000Z' }] });
    expect(d.stages[0].records.filter).toEqual({ field: 'stage.left', op: 'contains', value: 'lead' });
    expect(d.totals.overdue.filter).toEqual({ or: [d.stages[0].overdue!.filter, d.stages[2].overdue!.filter] });
  });
});
