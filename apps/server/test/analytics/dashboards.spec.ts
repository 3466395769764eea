import { createOrgMatrix, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { analyticsMetadata, generateDataSet, seedDataSet, stageOf, type DataSet } from './analytics.fixture';
import { money, sumCents, visibleTo, weighted } from './analytics.expected';
import { parseCsv } from '../support/csv.parse';

const ZH: Record<string, string> = { lead: '线索', qualify: '确认', quote: '报价', commit: '承诺', won: '赢单', lost: '丢单' };

describe('dashboards: visible by role, widgets computed in the caller scope, tables exported as audited CSV', () => {
  let s: TesseraServer;
  let m: OrgMatrix;
  let data: DataSet;

  beforeAll(async () => {
    s = await startTesseraServer(analyticsMetadata());
    m = await createOrgMatrix(s, ADMIN_PASSWORD);
    data = generateDataSet(m, 120, 7);
    await seedDataSet(s, data);
  }, 120_000);
  afterAll(() => s?.close());

  it('lists the dashboards a caller may see, with the refresh interval (60 s unless set)', async () => {
    const keys = async (api: typeof s.admin) => (await api.get('/api/dashboards')).body.items.map((d: { key: string; refreshSeconds: number }) => [d.key, d.refreshSeconds]);
    expect(await keys(m.users.rep_east.api)).toEqual([['rep_board', 30]]);
    expect(await keys(m.users.manager_east.api)).toEqual([['manager_board', 60]]);
    expect(await keys(s.admin)).toEqual([['manager_board', 60], ['rep_board', 30]]);
    const doc = await m.users.manager_east.api.get('/api/dashboards/manager_board');
    expect([doc.status, doc.body.refreshSeconds, doc.body.widgets.length]).toEqual([200, 60, 6]);
    expect((await m.users.rep_east.api.get('/api/dashboards/manager_board')).status).toBe(404);
    expect((await m.users.manager_east.api.get('/api/dashboards/manager_board/widgets/pie')).status).toBe(404);
  });

  it('computes a widget like the analytics API, in the caller scope, with the filter bar applied', async () => {
    const mine = visibleTo(data, m, 'manager_east');
    const w = await m.users.manager_east.api.get('/api/dashboards/manager_board/widgets/funnel');
    expect(w.status).toBe(200);
    expect([w.body.query, w.body.result.totals.records.count]).toEqual(['funnel', mine.length]);
    const ball = await m.users.manager_east.api.get('/api/dashboards/manager_board/widgets/funnel?f.product_line=ball');
    expect(ball.body.result.totals.records.count).toBe(mine.filter((o) => o.productLine === 'ball').length);
    const rep = await m.users.manager_east.api.get(`/api/dashboards/manager_board/widgets/funnel?owner=${m.users.rep_east.id}`);
    expect(rep.body.result.totals.records.count).toBe(mine.filter((o) => o.owner === 'rep_east').length);
  });

  it('gives KPIs their value: a count with the widget where, the weighted forecast of the current quarter', async () => {
    const mine = visibleTo(data, m, 'manager_east');
    const east = await m.users.manager_east.api.get('/api/dashboards/manager_board/widgets/east_count');
    expect(east.body.kpi).toMatchObject({ figure: 'count', value: mine.filter((o) => o.region === 'east').length, format: 'number' });
    const both = await m.users.manager_east.api.get(`/api/dashboards/manager_board/widgets/east_count?filter=${encodeURIComponent(JSON.stringify({ field: 'product_line', op: 'eq', value: 'gate' }))}`);
    expect(both.body.kpi.value).toBe(mine.filter((o) => o.region === 'east' && o.productLine === 'gate').length);

    const k = await m.users.manager_east.api.get('/api/dashboards/manager_board/widgets/weighted');
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3) * 3;
    const [from, to] = [new Date(Date.UTC(now.getUTCFullYear(), q, 1)), new Date(Date.UTC(now.getUTCFullYear(), q + 3, 1))].map((d) => d.toISOString().slice(0, 10));
    const open = mine.filter((o) => ['lead', 'qualify', 'quote', 'commit'].includes(stageOf(o)) && o.closeDate !== null && o.closeDate >= from && o.closeDate < to);
    expect(k.body.kpi).toMatchObject({ figure: 'weighted', value: weighted(open), format: 'currency' });
  });

  it('exports a widget table as CSV for callers with the export right, and audits it', async () => {
    expect((await m.users.rep_east.api.get('/api/dashboards/rep_board/widgets/funnel/csv')).status).toBe(403);

    const res = await fetch(`${s.app.url}/api/dashboards/manager_board/widgets/funnel/csv?f.product_line=gate`, { headers: { authorization: `Bearer ${m.users.manager_east.accessToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="manager_board-funnel-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark, for spreadsheet programs
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['stage', 'label', 'type', 'count', 'amount', 'reached', 'conversion_to_next', 'conversion_to_won']);
    const gate = visibleTo(data, m, 'manager_east').filter((o) => o.productLine === 'gate');
    for (const stage of ['lead', 'qualify', 'quote', 'commit', 'won', 'lost']) {
      const here = gate.filter((o) => stageOf(o) === stage);
      const row = rows.find((r) => r[0] === stage)!;
      expect([row[1], row[3], row[4]]).toEqual([ZH[stage], String(here.length), money(sumCents(here))]);
    }

    const audit = await s.admin.get('/api/admin/audit?action=records.exported');
    const entry = audit.body.items.find((e: { actorId: string }) => e.actorId === m.users.manager_east.id);
    expect(entry).toMatchObject({ target: { type: 'opportunity' }, details: { source: 'dashboard', dashboard: 'manager_board', widget: 'funnel', query: 'funnel', rows: 6, params: { 'f.product_line': 'gate' } } });
  });

  it('exports the overdue table and the heatmap with the records of the export scope', async () => {
    const overdue = await fetch(`${s.app.url}/api/dashboards/manager_board/widgets/overdue/csv`, { headers: { authorization: `Bearer ${m.users.director.accessToken}` } });
    const rows = parseCsv(Buffer.from(await overdue.arrayBuffer()).subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['id', 'stage', 'entered_at', 'due_at', 'name', 'amount']);
    expect(rows.length - 1).toBeLessThanOrEqual(5);
    const ids = new Set(visibleTo(data, m, 'director').map((o) => o.id));
    expect(rows.slice(1).every((r) => ids.has(r[0]))).toBe(true);

    const heat = await fetch(`${s.app.url}/api/dashboards/manager_board/widgets/amount_by_line/csv`, { headers: { authorization: `Bearer ${m.users.finance.accessToken}` } });
    // finance may export but not see amounts: summing them is refused, not leaked
    expect(heat.status).toBe(400);
  });
});
