import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { analyticsMetadata, current, generateDataSet, OPEN, seedDataSet, stageOf, TIMEOUT_MS, type DataSet, type Opp } from './analytics.fixture';
import { actionsDue, isOverdue, mean, money, percentile, rate, reach, reached, sumCents, visibleTo, weighted } from './analytics.expected';

const DAY = 86_400_000;
/** Monday 00:00 UTC of the week `weeks` from the current one. */
const monday = (weeks: number) => {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7 * weeks);
  return d;
};
const firstOfMonth = (months: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
};
const iso = (d: Date) => d.toISOString();
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('analytics figures on a generated data set (every figure against an independent computation)', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let data: DataSet;
  let all: Opp[];
  const get = async (path: string) => {
    const res = await m.users.director.api.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    s = await startTesseraServer(analyticsMetadata());
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    data = generateDataSet(m);
    await seedDataSet(s, data);
    all = visibleTo(data, m, 'director');
  }, 120_000);
  afterAll(() => s?.close());

  it('funnel: count and amount per stage, reached, conversion to next and to won', async () => {
    const f = await get('/api/analytics/opportunity/funnel');
    for (const [i, key] of OPEN.entries()) {
      const st = f.stages.find((x: { stage: string }) => x.stage === key);
      const here = all.filter((o) => stageOf(o) === key);
      expect([st.count, st.amount, st.reached.count]).toEqual([here.length, money(sumCents(here)), reached(all, i + 1)]);
      expect(st.conversionToNext).toBeCloseTo(rate(reached(all, i + 2), reached(all, i + 1))!, 12);
      expect(st.conversionToWon).toBeCloseTo(rate(reached(all, 5), reached(all, i + 1))!, 12);
    }
    const won = all.filter((o) => stageOf(o) === 'won');
    const lost = all.filter((o) => stageOf(o) === 'lost');
    expect(f.totals.won).toMatchObject({ count: won.length, amount: money(sumCents(won)) });
    expect(f.totals.lost).toMatchObject({ count: lost.length, amount: money(sumCents(lost)) });
    expect(f.totals.records.count).toBe(all.length);
    expect(f.totals.conversionToWon).toBeCloseTo(won.length / reached(all, 1), 12);
    // soft-deleted records count nowhere
    expect(data.opps.some((o) => o.deleted)).toBe(true);
  });

  it('funnel: zero divisions give null, a period with no records gives zeros', async () => {
    const director = await get(`/api/analytics/opportunity/funnel?owner=${m.users.director.id}`);
    expect(director.stages.map((x: { stage: string; count: number; reached: { count: number } | null; conversionToNext: number | null }) => [x.stage, x.count, x.reached?.count ?? null, x.conversionToNext])).toEqual([
      ['lead', 2, 2, 0],
      ['qualify', 0, 0, null],
      ['quote', 0, 0, null],
      ['commit', 0, 0, null],
      ['won', 0, 0, null],
      ['lost', 0, null, null],
    ]);
    const empty = await get('/api/analytics/opportunity/funnel?from=2000-01-01&to=2000-02-01');
    expect(empty.totals.records.count).toBe(0);
    expect(empty.totals.conversionToWon).toBeNull();
    expect(empty.stages.every((x: { count: number; amount: string }) => x.count === 0 && x.amount === '0.00')).toBe(true);
  });

  it('funnel: the period places records by their date field (half-open, days on a date field)', async () => {
    const from = new Date(Date.now() - 21 * DAY);
    const created = await get(`/api/analytics/opportunity/funnel?from=${iso(from)}`);
    expect(created.totals.records.count).toBe(all.filter((o) => o.createdAt >= from).length);
    const byClose = await get(`/api/analytics/opportunity/funnel?dateField=close_date&from=${day(firstOfMonth(0))}&to=${day(firstOfMonth(1))}`);
    expect(byClose.totals.records.count).toBe(all.filter((o) => o.closeDate !== null && o.closeDate >= day(firstOfMonth(0)) && o.closeDate < day(firstOfMonth(1))).length);
  });

  it('dwell: average, median and 90th percentile of completed stays, current and overdue per stage', async () => {
    const d = await get('/api/analytics/opportunity/dwell');
    const asOf = Date.parse(d.asOf);
    for (const key of OPEN) {
      const st = d.stages.find((x: { stage: string }) => x.stage === key);
      const stays = all.flatMap((o) => o.visits.filter((v) => v.stage === key && v.exitedAt).map((v) => ((v.exitedAt as Date).getTime() - v.enteredAt.getTime()) / 1000));
      const records = all.filter((o) => o.visits.some((v) => v.stage === key && v.exitedAt)).length;
      expect([st.visits, st.records.count]).toEqual([stays.length, records]);
      expect(st.avgSeconds).toBeCloseTo(mean(stays)!, 3);
      expect(st.medianSeconds).toBeCloseTo(percentile(stays, 0.5)!, 3);
      expect(st.p90Seconds).toBeCloseTo(percentile(stays, 0.9)!, 3);
      const here = all.filter((o) => stageOf(o) === key);
      expect(st.current.count).toBe(here.length);
      if (TIMEOUT_MS[key]) expect(st.overdue.count).toBe(here.filter((o) => isOverdue(o, asOf)).length);
      else expect(st.overdue).toBeNull();
    }
    expect(d.totals.overdue.count).toBe(all.filter((o) => isOverdue(o, asOf)).length);
    expect(d.totals.overdue.count).toBeGreaterThan(0);
  });

  it('trend: new, won and lost per week and the conversion of each week, empty weeks included', async () => {
    const from = monday(-12);
    const to = monday(1);
    const t = await get(`/api/analytics/opportunity/trend?interval=week&from=${iso(from)}&to=${iso(to)}`);
    expect(t.periods).toHaveLength(13);
    for (const p of t.periods) {
      const [a, b] = [Date.parse(p.start), Date.parse(p.end)];
      const cohort = all.filter((o) => o.createdAt.getTime() >= a && o.createdAt.getTime() < b);
      const closedIn = (stage: string) => all.filter((o) => stageOf(o) === stage && current(o).enteredAt.getTime() >= a && current(o).enteredAt.getTime() < b).length;
      expect([p.key, p.new.count, p.won.count, p.lost.count]).toEqual([p.key, cohort.length, closedIn('won'), closedIn('lost')]);
      const won = cohort.filter((o) => reach(o) >= 5).length;
      expect(p.conversion.part.count).toBe(won);
      expect(p.conversion.whole.count).toBe(reached(cohort, 1));
      expect(p.conversion.rate).toBe(rate(won, reached(cohort, 1)));
    }
    // The data starts ten weeks back: the first weeks are empty, with no rate.
    expect(t.periods[0]).toMatchObject({ new: { count: 0 }, won: { count: 0 }, lost: { count: 0 }, conversion: { rate: null } });
  });

  it('trend: conversion between two open stages', async () => {
    const t = await get(`/api/analytics/opportunity/trend?interval=month&periods=4&fromStage=qualify&toStage=quote`);
    for (const p of t.periods) {
      const cohort = all.filter((o) => o.createdAt.getTime() >= Date.parse(p.start) && o.createdAt.getTime() < Date.parse(p.end));
      expect([p.conversion.whole.count, p.conversion.part.count]).toEqual([reached(cohort, 2), reached(cohort, 3)]);
    }
  });

  it('forecast: weighted pipeline and the three scenarios per month of expected close, empty months included', async () => {
    const from = firstOfMonth(-1);
    const to = firstOfMonth(7);
    const f = await get(`/api/analytics/opportunity/forecast?interval=month&from=${day(from)}&to=${day(to)}`);
    expect(f.periods).toHaveLength(8);
    const counted = ['lead', 'qualify', 'quote', 'commit'];
    for (const p of f.periods) {
      const inPeriod = all.filter((o) => o.closeDate !== null && o.closeDate >= p.start && o.closeDate < p.end);
      const open = inPeriod.filter((o) => counted.includes(stageOf(o)));
      const commit = open.filter((o) => stageOf(o) === 'commit');
      const best = open.filter((o) => stageOf(o) === 'quote');
      expect(p.pipeline).toMatchObject({ count: open.length, amount: money(sumCents(open)) });
      expect(p.weighted.amount).toBe(weighted(open));
      expect(p.scenarios.conservative.amount).toBe(money(sumCents(commit)));
      expect(p.scenarios.neutral.amount).toBe(weighted(open));
      expect(p.scenarios.optimistic.amount).toBe(money(sumCents(commit) + sumCents(best)));
      expect(p.closed).toMatchObject({ count: inPeriod.filter((o) => stageOf(o) === 'won').length });
    }
    expect(f.periods[7]).toMatchObject({ pipeline: { count: 0, amount: '0.00' }, weighted: { amount: '0.00' } });
    const unscheduled = all.filter((o) => o.closeDate === null && counted.includes(stageOf(o)));
    expect(f.unscheduled.pipeline).toMatchObject({ count: unscheduled.length, amount: money(sumCents(unscheduled)) });
  });

  it('forecast: split by owner, each group summing to the whole', async () => {
    const f = await get(`/api/analytics/opportunity/forecast?interval=quarter&periods=2&groupBy=owner_id`);
    const total = f.groups.reduce((n: number, g: { totals: { pipeline: { count: number } } }) => n + g.totals.pipeline.count, 0);
    expect(total).toBe(f.totals.pipeline.count);
    const rep = f.groups.find((g: { value: string }) => g.value === m.users.rep_east.id);
    expect(rep.label).toBe('华东销售 East rep');
  });

  it('heatmap: loss rate by stage × owner, null where nothing reached the stage', async () => {
    const h = await get('/api/analytics/opportunity/heatmap?dimension=owner_id');
    for (const c of h.cells) {
      const mine = all.filter((o) => o.ownerId === c.value);
      const position = OPEN.indexOf(c.stage) + 1;
      const lost = mine.filter((o) => stageOf(o) === 'lost' && current(o).from === c.stage).length;
      expect([c.reached.count, c.lost.count]).toEqual([reached(mine, position), lost]);
      expect(c.lossRate).toBe(rate(lost, reached(mine, position)));
    }
    const director = h.cells.filter((c: { value: string }) => c.value === m.users.director.id);
    expect(director.map((c: { lossRate: number | null }) => c.lossRate)).toEqual([0, null, null, null]);
  });

  it('aggregate: sum and average of the amount by region × product line, and the total', async () => {
    const a = await get('/api/analytics/opportunity/aggregate?measure=sum&field=amount&rows=region&columns=product_line');
    for (const c of a.cells) {
      const group = all.filter((o) => o.region === c.row && o.productLine === c.column);
      const amounts = group.filter((o) => o.amountCents !== null);
      expect([c.count, c.sum]).toEqual([group.length, amounts.length ? money(sumCents(amounts)) : null]);
      expect(c.avg).toBe(amounts.length ? money(Math.round(sumCents(amounts) / amounts.length)) : null);
    }
    expect(a.cells.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(all.length);
    expect(a.total).toMatchObject({ count: all.length, sum: money(sumCents(all)) });
  });

  it('health: first follow-up, actions on time, approval response per step, sales-cycle shortening', async () => {
    const period = { from: monday(-4).getTime(), to: monday(0).getTime() };
    const baseline = { from: monday(-8).getTime(), to: monday(-4).getTime() };
    const q = `from=${iso(monday(-4))}&to=${iso(monday(0))}&baselineFrom=${iso(monday(-8))}&baselineTo=${iso(monday(-4))}`;
    const h = await get(`/api/analytics/opportunity/health?${q}`);
    const leads = all.filter((o) => o.createdAt.getTime() >= period.from && o.createdAt.getTime() < period.to);
    const firstMove = leads.map((o) => o.visits[0].exitedAt).map((x, i) => (x ? Math.max(0, x.getTime() - leads[i].createdAt.getTime()) / 1000 : null)).filter((x): x is number => x !== null);
    expect([h.firstFollowUp.by, h.firstFollowUp.leads.count, h.firstFollowUp.followedUp]).toEqual(['stage', leads.length, firstMove.length]);
    expect(h.firstFollowUp.avgSeconds).toBeCloseTo(mean(firstMove)!, 3);
    expect(h.firstFollowUp.medianSeconds).toBeCloseTo(percentile(firstMove, 0.5)!, 3);

    const actions = actionsDue(all, period.from, period.to);
    expect(actions.due).toBeGreaterThan(0);
    expect([h.actionsOnTime.due, h.actionsOnTime.onTime]).toEqual([actions.due, actions.onTime]);
    expect(h.actionsOnTime.share).toBe(rate(actions.onTime, actions.due));

    const inScope = new Set(all.map((o) => o.id));
    expect(h.approvalResponse.length).toBeGreaterThan(0);
    for (const step of ['manager', 'director'] as const) {
      const ds = data.decisions.filter((d) => d.step === step && inScope.has(d.recordId) && d.actedAt && ['approve', 'reject', 'return'].includes(d.action as string) && d.actedAt.getTime() >= period.from && d.actedAt.getTime() < period.to);
      const secs = ds.map((d) => ((d.actedAt as Date).getTime() - d.createdAt.getTime()) / 1000);
      const row = h.approvalResponse.find((r: { step: string }) => r.step === step);
      if (ds.length === 0) expect(row).toBeUndefined();
      else {
        expect(row).toMatchObject({ flow: 'discount', responses: ds.length, stepLabel: { en: step === 'manager' ? 'Regional manager' : 'Sales director' } });
        expect(row.avgSeconds).toBeCloseTo(mean(secs)!, 3);
        expect(row.medianSeconds).toBeCloseTo(percentile(secs, 0.5)!, 3);
      }
    }

    const cycle = (p: { from: number; to: number }) => all.filter((o) => stageOf(o) === 'won' && current(o).enteredAt.getTime() >= p.from && current(o).enteredAt.getTime() < p.to).map((o) => (current(o).enteredAt.getTime() - o.createdAt.getTime()) / 1000);
    const [now, before] = [cycle(period), cycle(baseline)];
    expect(now.length * before.length).toBeGreaterThan(0);
    expect([h.salesCycle.current.count, h.salesCycle.baseline.count]).toEqual([now.length, before.length]);
    expect(h.salesCycle.current.avgSeconds).toBeCloseTo(mean(now)!, 3);
    expect(h.salesCycle.baseline.avgSeconds).toBeCloseTo(mean(before)!, 3);
    expect(h.salesCycle.shortening).toBeCloseTo((mean(before)! - mean(now)!) / mean(before)!, 9);
  });

  it('health: the first follow-up is the first related activity when asked, and an empty period divides by nothing', async () => {
    const q = `from=${iso(monday(-4))}&to=${iso(monday(0))}`;
    const h = await get(`/api/analytics/opportunity/health?${q}&followUp=activity.opportunity`);
    const leads = all.filter((o) => o.createdAt.getTime() >= monday(-4).getTime() && o.createdAt.getTime() < monday(0).getTime());
    const secs = leads.filter((o) => o.activities.length).map((o) => Math.max(0, Math.min(...o.activities.map((a) => a.getTime())) - o.createdAt.getTime()) / 1000);
    expect([h.firstFollowUp.by, h.firstFollowUp.followedUp]).toEqual(['activity.opportunity', secs.length]);
    expect(h.firstFollowUp.avgSeconds).toBeCloseTo(mean(secs)!, 3);

    const empty = await get('/api/analytics/opportunity/health?from=2001-01-01&to=2001-02-01');
    expect(empty.firstFollowUp).toMatchObject({ leads: { count: 0 }, followedUp: 0, avgSeconds: null, medianSeconds: null });
    expect(empty.actionsOnTime).toMatchObject({ due: 0, onTime: 0, share: null });
    expect(empty.approvalResponse).toEqual([]);
    expect(empty.salesCycle).toMatchObject({ current: { count: 0, avgSeconds: null }, baseline: { count: 0, avgSeconds: null }, shortening: null });
  });

  it('overdue: the records over their timeout, most overdue first, with the fields asked for', async () => {
    const o = await get('/api/analytics/opportunity/overdue?limit=5&fields=name,amount');
    const asOf = Date.parse(o.asOf);
    const overdue = all.filter((x) => isOverdue(x, asOf)).sort((a, b) => current(a).enteredAt.getTime() + TIMEOUT_MS[stageOf(a)] - (current(b).enteredAt.getTime() + TIMEOUT_MS[stageOf(b)]));
    expect(o.total.count).toBe(overdue.length);
    expect(o.rows.map((r: { id: string }) => r.id)).toEqual(overdue.slice(0, 5).map((x) => x.id));
    expect(o.rows[0].record).toEqual({ name: overdue[0].name, amount: overdue[0].amountCents === null ? null : overdue[0].amountCents / 100 });
  });

  // Publishes the pipeline without timeouts; the tests after it read no timeout.
  it('dwell: a pipeline without timeouts has no overdue figures, and nothing is over a timeout', async () => {
    const untimed = analyticsMetadata().map((d) => (d.kind === 'pipeline' ? { ...d, stages: d.stages.map(({ timeout: _t, ...st }) => st) } : d));
    expect((await s.admin.post('/api/metadata/publish', { documents: untimed })).status).toBe(200);
    const d = await get('/api/analytics/opportunity/dwell');
    expect(d.stages.every((x: { overdue: unknown; overdueSince: unknown }) => x.overdue === null && x.overdueSince === null)).toBe(true);
    expect(d.totals.overdue.count).toBe(0);
    expect(d.stages.map((x: { current: { count: number } }) => x.current.count)).toEqual(['lead', 'qualify', 'quote', 'commit', 'won', 'lost'].map((k) => all.filter((o) => stageOf(o) === k).length));
    expect((await get('/api/analytics/opportunity/overdue')).total.count).toBe(0);
  });

  it.each([
    ['an unknown query', '/api/analytics/opportunity/pie', 404, undefined],
    ['an object without a pipeline', '/api/analytics/activity/funnel', 422, undefined],
    ['a dimension that cannot group', '/api/analytics/opportunity/heatmap?dimension=amount', 400, '/dimension'],
    ['a filter on a missing field', `/api/analytics/opportunity/funnel?filter=${encodeURIComponent('{"field":"colour","op":"eq","value":"red"}')}`, 400, '/filter/field'],
    ['a select shorthand on a missing field', '/api/analytics/opportunity/funnel?f.colour=red', 400, '/f.colour/field'],
    ['a period on a text field', '/api/analytics/opportunity/funnel?dateField=name&from=2026-01-01', 400, '/dateField'],
    ['an unknown unit', '/api/analytics/opportunity/funnel?unit=0190a0b0-0000-7000-8000-00000000000a', 400, '/unit'],
    ['a trend to a lost stage', '/api/analytics/opportunity/trend?toStage=lost', 400, '/toStage'],
    ['a follow-up relation to another object', '/api/analytics/opportunity/health?followUp=opportunity.name', 400, '/followUp'],
  ])('refuses %s', async (_what, path, status, pointer) => {
    const res = await m.users.director.api.get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    if (pointer) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(pointer);
  });
});
