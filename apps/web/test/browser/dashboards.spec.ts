import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { PASSWORD, startPackServer, type WorkspaceServer } from './support/workspace-server';
import { parseCsv } from '../../../server/test/support/csv.parse';

jest.setTimeout(90_000);

const MANAGER = 'sales_wallboard';
const REP = 'valve_rep_desk';

/** Rows of the record list across all its pages (the id of every row, by keyset page). */
async function listedIds(page: Page): Promise<Set<string>> {
  // The dashboard's own tables are gone: the rows are the list's.
  await page.getByTestId('dashboard').waitFor({ state: 'detached' });
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  const ids = new Set<string>();
  for (;;) {
    const first = await rows.first().getAttribute('data-row-key');
    for (const id of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')))) ids.add(id!);
    const next = page.getByRole('button', { name: '下一页' });
    if (await next.isDisabled()) return ids;
    await next.click();
    await page.waitForFunction((before) => document.querySelector('.ant-table-tbody tr.ant-table-row')?.getAttribute('data-row-key') !== before, first);
  }
}

/** A chart has drawn shapes (bars, funnel stages, cells), not only its axes. */
const drawn = (page: Page, key: string) => page.getByTestId(`chart-${key}`).locator('svg path:not([fill="none"])').first().waitFor();

/** A filter with its instants blanked: "now" moves between the page's request and the test's. */
const withoutNow = (filter: unknown) => JSON.parse(JSON.stringify(filter).replace(/"\d{4}-\d{2}-\d{2}T[\d:.]+Z"/g, '"<instant>"'));

/** The filter JSON of the list page's address. */
const urlFilter = (page: Page) => JSON.parse(new URL(page.url()).searchParams.get('filter') ?? 'null');

describe('dashboards in a browser (valve pack)', () => {
  let server: WorkspaceServer;
  let manager: BrowserSession;

  beforeAll(async () => {
    server = await startPackServer(['valve-manufacturing']);
    manager = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await manager?.close();
    await server?.close();
  });

  const widget = (user: string, dashboard: string, key: string, query = 'period=last12Months') => server.call(user, 'GET', `/api/dashboards/${dashboard}/widgets/${key}?${query}`);

  it('shows the regional manager the manager board with a rendered funnel whose figures are the API figures', async () => {
    const page = manager.page;
    await signIn(page, server.url, 'valve.rm.east', PASSWORD);
    const nav = page.getByRole('menu');
    await nav.getByText('销售健康度大屏', { exact: true }).click();
    expect(await nav.getByText('我的销售看板', { exact: true }).count()).toBe(0);
    await page.waitForURL(`**/dashboards/${MANAGER}`);

    const funnel = await widget('valve.rm.east', MANAGER, 'funnel');
    const chart = page.getByTestId('chart-funnel');
    for (const s of funnel.result.stages) {
      await expect(page.getByTestId(`drill-funnel-${s.stage}`).innerText()).resolves.toBe(new Intl.NumberFormat('zh-CN').format(s.count));
    }
    // Every open stage is drawn with its label and count.
    for (const s of funnel.result.stages.filter((x: { type: string }) => x.type === 'open')) {
      await chart.locator('svg text', { hasText: `${s.label['zh-CN']}  ${s.count}` }).waitFor();
    }
    const open = await widget('valve.rm.east', MANAGER, 'open_count');
    await expect(page.getByTestId('kpi-open_count').innerText()).resolves.toBe(String(open.kpi.value));
    // Other kinds are drawn too: the loss-rate heatmap, the forecast and the trend.
    for (const key of ['funnel', 'funnel_amount', 'loss_by_region', 'loss_by_rep', 'forecast', 'conversion']) await drawn(page, key);
    await page.getByTestId('widget-health').getByText('销售周期缩短').waitFor();
    await screenshot(page, 'dashboard-manager');
  });

  it('opens the record list with exactly the records of the funnel stage clicked on the chart', async () => {
    const page = manager.page;
    const funnel = await widget('valve.rm.east', MANAGER, 'funnel');
    // The smallest non-empty open stage keeps the list short.
    const stage = funnel.result.stages.filter((s: { type: string; count: number }) => s.type === 'open' && s.count > 0).sort((a: { count: number }, b: { count: number }) => a.count - b.count)[0];
    await page.getByTestId('chart-funnel').locator('svg text', { hasText: `${stage.label['zh-CN']}  ${stage.count}` }).click();
    await page.waitForURL('**/o/opportunity?**');
    expect(urlFilter(page)).toEqual(stage.filter);
    const ids = await listedIds(page);
    expect(ids.size).toBe(stage.count);
    // The list API with that filter answers the same records.
    const listed = await server.call('valve.rm.east', 'GET', `/api/objects/opportunity/records?limit=200&filter=${encodeURIComponent(JSON.stringify(stage.filter))}`);
    expect([...ids].sort()).toEqual(listed.items.map((r: { id: string }) => r.id).sort());
    expect(manager.errors).toEqual([]);
  });

  it('opens the overdue records from the KPI and from a loss-rate heatmap cell', async () => {
    const page = manager.page;
    await page.goBack();
    await page.waitForURL(`**/dashboards/${MANAGER}`);
    const overdue = await widget('valve.rm.east', MANAGER, 'overdue_count');
    await expect(page.getByTestId('kpi-overdue_count').innerText()).resolves.toBe(String(overdue.kpi.value));
    await page.getByTestId('drill-overdue_count').click();
    await page.waitForURL('**/o/opportunity?**');
    expect(withoutNow(urlFilter(page))).toEqual(withoutNow(overdue.kpi.filter));
    expect((await listedIds(page)).size).toBe(overdue.kpi.value);

    await page.goBack();
    // Losing a deal now shows in the heatmap at once (live figures, after a reload).
    const lead = (await server.call('valve.rm.east', 'GET', `/api/objects/opportunity/records?limit=1&filter=${encodeURIComponent(JSON.stringify({ field: 'stage', op: 'eq', value: 'lead' }))}`)).items[0];
    type Cell = { stage: string; value: string; lossRate: number | null; lost: { count: number; filter: unknown } };
    const cellOf = (h: { result: { cells: Cell[] } }) => h.result.cells.find((c) => c.stage === 'lead' && c.value === lead.project_type);
    const before = cellOf(await widget('valve.rm.east', MANAGER, 'loss_by_product'));
    await server.call('valve.rm.east', 'POST', `/api/objects/opportunity/records/${lead.id}/stage`, { stage: 'lost', reason: 'price', comment: '客户预算不足' });
    await page.goto(`${server.url}/dashboards/${MANAGER}`);
    const heatmap = await widget('valve.rm.east', MANAGER, 'loss_by_product');
    expect(cellOf(heatmap)!.lost.count).toBe((before?.lost.count ?? 0) + 1);
    // Click a cell whose printed rate is its own (the chart labels each cell with its rate).
    const rate = (c: Cell) => `${(Math.round((c.lossRate ?? 0) * 1000) / 10).toFixed(1)}%`;
    const cells: Cell[] = heatmap.result.cells.filter((c: Cell) => c.lost.count > 0 && c.lost.count <= 20);
    const cell = cells.find((c) => heatmap.result.cells.filter((o: Cell) => rate(o) === rate(c)).length === 1)!;
    await page.getByTestId('chart-loss_by_product').locator('svg text', { hasText: rate(cell) }).click();
    await page.waitForURL('**/o/opportunity?**');
    expect(urlFilter(page)).toEqual(cell.lost.filter);
    expect((await listedIds(page)).size).toBe(cell.lost.count);
    expect(manager.errors).toEqual([]);
  });

  it('exports the overdue table as a CSV file with the rows of the widget', async () => {
    const page = manager.page;
    await page.goto(`${server.url}/dashboards/${MANAGER}`);
    const api = await widget('valve.rm.east', MANAGER, 'overdue');
    await page.getByTestId('table-overdue').locator('tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('table-overdue').locator('tr.ant-table-row').count()).toBe(api.result.rows.length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-overdue').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${MANAGER}-overdue-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const rows = parseCsv(await readFile((await download.path())!, 'utf8'));
    expect(rows[0]).toEqual(['id', 'stage', 'entered_at', 'due_at', 'name', 'customer', 'amount', 'owner_id']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(api.result.rows.map((r: { id: string }) => r.id));
    expect(rows.slice(1).map((r) => r[4])).toEqual(api.result.rows.map((r: { record: { name: string } }) => r.record.name));
    expect(manager.errors).toEqual([]);
  });

  it('narrows every widget to the owner chosen in the filter bar, kept in the address', async () => {
    const page = manager.page;
    const rep = (await server.call('valve.rep01', 'GET', '/api/me')).user;
    await page.goto(`${server.url}/dashboards/${MANAGER}`);
    await drawn(page, 'funnel');
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes(`/api/dashboards/${MANAGER}/widgets/`) && requests.push(r.url()));
    await page.getByLabel('负责人').click();
    await page.locator('.ant-select-item-option', { hasText: rep.displayName }).click();
    await page.waitForURL(`**/dashboards/${MANAGER}?owner=${rep.id}`);
    const funnel = await widget('valve.rm.east', MANAGER, 'funnel', `period=last12Months&owner=${rep.id}`);
    for (const s of funnel.result.stages) await page.getByTestId(`drill-funnel-${s.stage}`).getByText(String(s.count), { exact: true }).waitFor();
    const overdue = await widget('valve.rm.east', MANAGER, 'overdue_count', `period=last12Months&owner=${rep.id}`);
    await page.getByTestId('kpi-overdue_count').getByText(String(overdue.kpi.value), { exact: true }).waitFor();
    // Every widget asked again, each with the owner and the period.
    const asked = new Set(
      requests.filter((u) => new URL(u).searchParams.get('owner') === rep.id && new URL(u).searchParams.get('period') === 'last12Months').map((u) => new URL(u).pathname.split('/').pop()),
    );
    const doc = await server.call('valve.rm.east', 'GET', `/api/dashboards/${MANAGER}`);
    expect([...asked].sort()).toEqual(doc.widgets.map((w: { key: string }) => w.key).sort());
    expect(manager.errors).toEqual([]);
  });

  it("shows a rep the rep board, whose funnel counts only the rep's own records", async () => {
    const rep = await openBrowser();
    try {
      const page = rep.page;
      // A controllable clock (time still flows): the auto-refresh is checked without waiting a minute.
      await page.clock.install();
      await signIn(page, server.url, 'valve.rep01', PASSWORD);
      const nav = page.getByRole('menu');
      await nav.getByText('我的销售看板', { exact: true }).click();
      expect(await nav.getByText('销售健康度大屏', { exact: true }).count()).toBe(0);
      await page.waitForURL(`**/dashboards/${REP}`);
      await drawn(page, 'funnel');

      const mine = await widget('valve.rep01', REP, 'funnel');
      const me = await server.call('valve.rep01', 'GET', '/api/me');
      // The manager's funnel narrowed to this rep counts the same records.
      const managerView = await widget('valve.rm.east', MANAGER, 'funnel', `period=last12Months&owner=${me.user.id}`);
      expect(mine.result.stages.map((s: { count: number }) => s.count)).toEqual(managerView.result.stages.map((s: { count: number }) => s.count));
      const total = mine.result.stages.reduce((n: number, s: { count: number }) => n + s.count, 0);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThan((await widget('valve.rm.east', MANAGER, 'funnel')).result.totals.records.count);
      for (const s of mine.result.stages) await expect(page.getByTestId(`drill-funnel-${s.stage}`).innerText()).resolves.toBe(String(s.count));

      // Clicking a stage of the rep's chart lists those records, all the rep's own.
      const stage = mine.result.stages.find((s: { type: string; count: number }) => s.type === 'open' && s.count > 0);
      await page.getByTestId('chart-funnel').locator('svg text', { hasText: `${stage.label['zh-CN']}  ${stage.count}` }).click();
      await page.waitForURL('**/o/opportunity?**');
      const ids = await listedIds(page);
      expect(ids.size).toBe(stage.count);
      const owners = await server.call('valve.rm.east', 'GET', `/api/objects/opportunity/records?limit=200&fields=owner_id&filter=${encodeURIComponent(JSON.stringify({ field: 'id', op: 'in', value: [...ids] }))}`);
      expect(new Set(owners.items.map((r: { owner_id: string }) => r.owner_id))).toEqual(new Set([me.user.id]));
      await page.goBack();
      await drawn(page, 'funnel');
      await page.getByTestId('chart-forecast').locator('svg').waitFor();
      await screenshot(page, 'dashboard-rep');

      // The board refreshes on its own every refreshSeconds (60): a lead moved on meanwhile shows up.
      const before = (await widget('valve.rep01', REP, 'funnel')).result.stages;
      const count = (stages: Array<{ stage: string; count: number }>, key: string) => stages.find((s) => s.stage === key)!.count;
      await page.getByTestId('drill-funnel-lead').getByText(String(count(before, 'lead')), { exact: true }).waitFor();
      const lead = (await server.call('valve.rep01', 'GET', `/api/objects/opportunity/records?limit=1&filter=${encodeURIComponent(JSON.stringify({ field: 'stage', op: 'eq', value: 'lead' }))}`)).items[0];
      await server.call('valve.rep01', 'POST', `/api/objects/opportunity/records/${lead.id}/stage`, { stage: 'requirement' });
      const after = (await widget('valve.rep01', REP, 'funnel')).result.stages;
      expect([count(after, 'lead'), count(after, 'requirement')]).toEqual([count(before, 'lead') - 1, count(before, 'requirement') + 1]);
      expect(await page.getByTestId('drill-funnel-lead').innerText()).toBe(String(count(before, 'lead')));
      await page.clock.fastForward(60_000);
      await page.getByTestId('drill-funnel-lead').getByText(String(count(after, 'lead')), { exact: true }).waitFor();
      await page.getByTestId('drill-funnel-requirement').getByText(String(count(after, 'requirement')), { exact: true }).waitFor();
      expect(rep.errors).toEqual([]);
    } finally {
      await rep.close();
    }
  });
});
