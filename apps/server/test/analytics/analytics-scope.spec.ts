import type { ApiClient, ApiResponse } from '../support/api-client';
import { createOrgMatrix, type MatrixUser, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { analyticsMetadata, current, generateDataSet, OPEN, seedDataSet, stageOf, type DataSet, type Opp } from './analytics.fixture';
import { reached, visibleTo } from './analytics.expected';

type Filter = Record<string, unknown>;
interface Figure {
  count: number;
  filter: Filter;
}

/** How many records the record list returns for a filter, paging through with the cursor. */
async function listCount(api: ApiClient, filter: Filter): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const qs: URLSearchParams = new URLSearchParams({ filter: JSON.stringify(filter), limit: '500', fields: 'id', ...(cursor && { cursor }) });
    const res: ApiResponse = await api.get(`/api/objects/opportunity/records?${qs}`);
    if (res.status !== 200) throw new Error(`list ${JSON.stringify(filter)}: ${res.status} ${JSON.stringify(res.body)}`);
    n += res.body.items.length;
    cursor = res.body.nextCursor;
  } while (cursor);
  return n;
}

/** Every { count, filter } figure anywhere in a result. */
function figures(value: unknown, out: Figure[] = []): Figure[] {
  if (Array.isArray(value)) value.forEach((v) => figures(v, out));
  else if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.count === 'number' && v.filter && typeof v.filter === 'object') out.push({ count: v.count, filter: v.filter as Filter });
    Object.values(v).forEach((x) => figures(x, out));
  }
  return out;
}

describe('analytics: scoped by the caller, and every drill-down lists exactly the records counted', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let data: DataSet;
  const get = async (who: MatrixUser, path: string) => {
    const res = await m.users[who].api.get(path);
    if (res.status !== 200) throw new Error(`${who} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    s = await startTesseraServer(analyticsMetadata());
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    data = generateDataSet(m);
    await seedDataSet(s, data);
  }, 120_000);
  afterAll(() => s?.close());

  it.each<MatrixUser>(['rep_east', 'rep_south', 'manager_east', 'director', 'admin'])('the funnel of %s counts only the records they may read', async (who) => {
    const mine = visibleTo(data, m, who);
    const f = await get(who, '/api/analytics/opportunity/funnel');
    expect(f.totals.records.count).toBe(mine.length);
    expect(f.stages.map((x: { count: number }) => x.count)).toEqual(['lead', 'qualify', 'quote', 'commit', 'won', 'lost'].map((st) => mine.filter((o) => stageOf(o) === st).length));
    expect(OPEN.map((_, i) => f.stages[i].reached.count)).toEqual(OPEN.map((_, i) => reached(mine, i + 1)));
  });

  it('a rep sees only their own records, a regional manager only their region', () => {
    const rep = visibleTo(data, m, 'rep_east');
    const manager = visibleTo(data, m, 'manager_east');
    expect(rep.every((o) => o.owner === 'rep_east')).toBe(true);
    expect(manager.every((o) => ['east', 'east_shanghai', 'east_hangzhou'].includes(o.unit))).toBe(true);
    expect(manager.length).toBeGreaterThan(rep.length);
    expect(manager.some((o) => o.owner === 'rep_south')).toBe(false);
  });

  it('a unit filter narrows to the unit and below, inside the scope', async () => {
    const f = await get('manager_east', `/api/analytics/opportunity/funnel?unit=${m.units.east_shanghai.id}`);
    expect(f.totals.records.count).toBe(visibleTo(data, m, 'manager_east').filter((o) => o.unit === 'east_shanghai').length);
    const outside = await get('rep_east', `/api/analytics/opportunity/funnel?unit=${m.units.south.id}`);
    expect(outside.totals.records.count).toBe(0);
  });

  it('hidden fields are neither shown, measured, grouped nor filtered on', async () => {
    const finance = await get('finance', '/api/analytics/opportunity/funnel');
    expect(finance.stages.every((x: { amount: unknown }) => x.amount === null)).toBe(true);
    expect(finance.totals.records.count).toBe(visibleTo(data, m, 'finance').length);
    const forecast = await m.users.finance.api.get('/api/analytics/opportunity/forecast');
    expect(forecast.status).toBe(403);
    expect(forecast.body.type).toMatch(/field-hidden$/);
    const sum = await m.users.finance.api.get('/api/analytics/opportunity/aggregate?measure=sum&field=amount');
    expect([sum.status, sum.body.errors[0].path]).toEqual([400, '/field']);
    const byCost = await m.users.rep_east.api.get('/api/analytics/opportunity/heatmap?dimension=cost');
    expect([byCost.status, byCost.body.errors[0].path]).toEqual([400, '/dimension']);
    const filter = await m.users.rep_east.api.get(`/api/analytics/opportunity/funnel?filter=${encodeURIComponent('{"field":"cost","op":"gt","value":0}')}`);
    expect([filter.status, filter.body.errors[0].path]).toEqual([400, '/filter/field']);
  });

  it('refuses an object the caller may not read', async () => {
    const guest = await s.admin.post('/api/admin/users', { username: 'nobody', displayName: 'Nobody', password: 'nobody-password-1', orgUnitId: m.units.company.id, roles: [] });
    expect(guest.status).toBe(201);
    const login = await s.anonymous.post('/api/auth/login', { username: 'nobody', password: 'nobody-password-1' });
    const res = await s.anonymous.as(login.body.accessToken).get('/api/analytics/opportunity/funnel');
    expect(res.status).toBe(403);
  });

  it.each<[string, Filter, (o: Opp) => boolean]>([
    ['from eq', { field: 'stage.from', op: 'eq', value: 'quote' }, (o) => current(o).from === 'quote'],
    ['from ne (a first stay has no from)', { field: 'stage.from', op: 'ne', value: 'quote' }, (o) => current(o).from !== 'quote'],
    ['from nin', { field: 'stage.from', op: 'nin', value: ['lead', 'quote'] }, (o) => !['lead', 'quote'].includes(current(o).from as string)],
    ['from isEmpty', { field: 'stage.from', op: 'isEmpty', value: true }, (o) => current(o).from === null],
    ['from not empty', { field: 'stage.from', op: 'isEmpty', value: false }, (o) => current(o).from !== null],
    ['entered_at before', { field: 'stage.entered_at', op: 'lt', value: new Date(Date.now() - 20 * 86_400_000).toISOString() }, (o) => current(o).enteredAt.getTime() < Date.now() - 20 * 86_400_000],
    ['left contains', { field: 'stage.left', op: 'contains', value: 'qualify' }, (o) => o.visits.some((v) => v.stage === 'qualify' && v.exitedAt)],
    ['left in (any of)', { field: 'stage.left', op: 'in', value: ['quote', 'commit'] }, (o) => o.visits.some((v) => ['quote', 'commit'].includes(v.stage) && v.exitedAt)],
    ['left isEmpty (never moved)', { field: 'stage.left', op: 'isEmpty', value: true }, (o) => !o.visits.some((v) => v.exitedAt)],
  ])('the record list filters on stage history: %s', async (_what, filter, pred) => {
    const mine = visibleTo(data, m, 'manager_east');
    expect(await listCount(m.users.manager_east.api, filter)).toBe(mine.filter(pred).length);
  });

  it('the stage history fields are for filters only, and only on objects with a pipeline', async () => {
    const sort = await m.users.director.api.get('/api/objects/opportunity/records?sort=stage.entered_at');
    expect([sort.status, sort.body.errors[0].path]).toEqual([400, '/sort']);
    const other = await m.users.director.api.get(`/api/objects/activity/records?filter=${encodeURIComponent('{"field":"stage.from","op":"eq","value":"lead"}')}`);
    expect([other.status, other.body.errors[0].path]).toEqual([400, '/filter/field']);
  });

  const queries = [
    'funnel',
    'funnel?f.product_line=ball,gate',
    'dwell',
    'heatmap?dimension=owner_id',
    'heatmap?dimension=region',
    'trend?interval=week&periods=12',
    'trend?interval=month&periods=3&fromStage=qualify&toStage=commit',
    'forecast?interval=month&periods=4',
    'aggregate?rows=region&columns=product_line&measure=sum&field=amount',
    'health?followUp=activity.opportunity',
    'overdue',
  ];

  it.each<MatrixUser>(['rep_east', 'manager_east', 'director'])('every figure %s is shown opens a list of exactly that many records', async (who) => {
    let checked = 0;
    for (const q of queries) {
      const result = await get(who, `/api/analytics/opportunity/${q}`);
      // Each distinct filter once; zero counts too (a drill-down into nothing must list nothing).
      const seen = new Map<string, Figure>();
      for (const f of figures(result)) seen.set(JSON.stringify(f.filter), f);
      for (const f of seen.values()) {
        expect({ q, filter: f.filter, count: await listCount(m.users[who].api, f.filter) }).toEqual({ q, filter: f.filter, count: f.count });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
