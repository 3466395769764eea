import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { PASSWORD, startPackServer, type WorkspaceServer } from './support/workspace-server';

jest.setTimeout(90_000);

type Row = { id: string; name: string; owner_id: string; stage: string; amount: number };
const LIST = '/api/objects/opportunity/records';

/** The ids of the rows the list shows, in order. */
const rowIds = (page: Page) => page.locator('[data-testid=record-list] tr.ant-table-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key') ?? ''));

/** Runs `action` and waits for the list request it causes and for the table to show exactly its answer. */
async function listed(page: Page, action: () => Promise<unknown>): Promise<void> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes(`${LIST}?`) && r.request().method() === 'GET'), action()]);
  const ids = ((await res.json()) as { items: Array<{ id: string }> }).items.map((r) => r.id);
  // The rows change a render after the response (the previous page stays shown meanwhile).
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('[data-testid=record-list] tr.ant-table-row')].map((r) => r.getAttribute('data-row-key'));
      return got.length === want.length && got.every((id, i) => id === want[i]);
    },
    ids,
  );
}

/** An input rendered by an antd component whose test id may sit on the input or on a wrapper. */
const inputOf = (page: Page, id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();

async function addFilter(page: Page, field: string, edit: () => Promise<void>) {
  await page.getByTestId('filter-add').click();
  await page.getByTestId(`filter-field-${field}`).click();
  await edit();
  await listed(page, () => page.getByTestId('filter-apply').click());
  await page.getByTestId(`filter-tag-${field}`).waitFor();
}

async function pageSize(page: Page, n: number) {
  await page.getByTestId('list-page-size').click();
  await listed(page, () => page.locator('.ant-select-item-option', { hasText: String(n) }).first().click());
}

describe('record lists in a browser (valve pack with demo data)', () => {
  let server: WorkspaceServer;
  let rep: BrowserSession;
  let manager: BrowserSession;
  let repLogin: string;
  const api = <T = { items: Row[]; nextCursor: string | null }>(user: string, path: string) => server.call<T>(user, 'GET', path);
  const query = (filter: unknown, extra = '') => `${LIST}?limit=500&filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`;

  beforeAll(async () => {
    server = await startPackServer(['valve-manufacturing']);
    // The rep with the most records over their stage's timeout, so the overdue filter shows something.
    const overdue = await api<{ rows: Array<{ record: { owner_id: string } }> }>('valve.director', '/api/analytics/opportunity/overdue?limit=200&fields=owner_id');
    const counts = new Map<string, number>();
    for (const r of overdue.rows) counts.set(r.record.owner_id, (counts.get(r.record.owner_id) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const owners = await api<{ items: Array<{ id: string; username: string }> }>('valve.director', '/api/objects/opportunity/owners');
    repLogin = owners.items.find((o) => o.id === top)!.username;
    rep = await openBrowser();
    manager = await openBrowser();
  }, 240_000);

  afterAll(async () => {
    await rep?.close();
    await manager?.close();
    await server?.close();
  });

  it('a rep filters opportunities by amount range and stage; the rows are the API’s answer; the URL carries the filters', async () => {
    const page = rep.page;
    await signIn(page, server.url, repLogin, PASSWORD);
    await listed(page, () => page.goto(`${server.url}/o/opportunity`));
    await pageSize(page, 100);
    await addFilter(page, 'amount', async () => {
      await inputOf(page, 'filter-min').fill('100000');
      await inputOf(page, 'filter-max').fill('1500000');
    });
    await addFilter(page, 'stage', async () => {
      for (const stage of ['lead', 'requirement', 'solution']) await page.locator('[data-testid=filter-options] label', { has: page.locator(`input[value="${stage}"]`) }).click();
    });
    const expected = await api(repLogin, query({ and: [{ field: 'amount', op: 'gte', value: 100000 }, { field: 'amount', op: 'lte', value: 1500000 }, { field: 'stage', op: 'in', value: ['lead', 'requirement', 'solution'] }] }));
    expect(expected.items.length).toBeGreaterThan(0);
    expect(expected.items.every((r) => r.amount >= 100000 && r.amount <= 1500000)).toBe(true);
    expect((await rowIds(page)).sort()).toEqual(expected.items.map((r) => r.id).sort());
    const url = new URL(page.url());
    expect(JSON.parse(url.searchParams.get('f')!)).toEqual({ amount: { min: 100000, max: 1500000 }, stage: { in: ['lead', 'requirement', 'solution'] } });

    // A removed tag widens the list again.
    await listed(page, () => page.getByTestId('filter-tag-stage').locator('.ant-tag-close-icon').click());
    const widened = await api(repLogin, query({ and: [{ field: 'amount', op: 'gte', value: 100000 }, { field: 'amount', op: 'lte', value: 1500000 }] }));
    expect((await rowIds(page)).sort()).toEqual(widened.items.map((r) => r.id).sort());
  });

  it('filters by text, a date range and a related record; shows no bulk action the rep may not do', async () => {
    const page = rep.page;
    await listed(page, () => page.goto(`${server.url}/o/opportunity`));
    expect(await page.getByTestId('bulk-export').count()).toBe(0);
    expect(await page.getByTestId('bulk-transfer').count()).toBe(0);
    await pageSize(page, 100);
    const mine = await api<{ items: Array<Row & { customer: string; _expand?: { customer?: { name: string } } }> }>(repLogin, `${LIST}?limit=1&sort=name&expand=customer`);
    const customer = mine.items[0]._expand!.customer!;
    await addFilter(page, 'customer', async () => {
      await page.getByTestId('filter-records').click();
      await page.keyboard.type(customer.name);
      await page.locator('.ant-select-item-option', { hasText: customer.name }).first().click();
    });
    await addFilter(page, 'name', async () => {
      await inputOf(page, 'filter-text').fill('阀');
    });
    await addFilter(page, 'expected_close_date', async () => {
      const inputs = page.locator('.ant-modal .ant-picker-range input');
      const [from, to] = [inputs.first(), inputs.nth(1)];
      await from.click();
      await from.fill('2020-01-01');
      await to.click();
      await to.fill('2030-12-31');
      await to.press('Enter');
    });
    const expected = await api(
      repLogin,
      query({
        and: [
          { field: 'customer', op: 'in', value: [mine.items[0].customer] },
          { field: 'name', op: 'contains', value: '阀' },
          { field: 'expected_close_date', op: 'gte', value: '2020-01-01' },
          { field: 'expected_close_date', op: 'lte', value: '2030-12-31' },
        ],
      }),
    );
    expect(expected.items.length).toBeGreaterThan(0);
    expect((await rowIds(page)).sort()).toEqual(expected.items.map((r) => r.id).sort());
    await page.getByTestId('filter-tag-expected_close_date').getByText('2020-01-01 ~ 2030-12-31').waitFor();
  });

  it('the overdue flag lists exactly the records analytics counts over their stage’s timeout', async () => {
    const page = rep.page;
    await listed(page, () => page.goto(`${server.url}/o/opportunity`));
    await pageSize(page, 100);
    await listed(page, () => page.getByTestId('filter-overdue').click());
    await page.getByTestId('filter-tag-overdue').waitFor();
    const overdue = await api<{ total: { count: number }; rows: Array<{ id: string }> }>(repLogin, '/api/analytics/opportunity/overdue?limit=200');
    expect(overdue.total.count).toBeGreaterThan(0);
    expect((await rowIds(page)).sort()).toEqual(overdue.rows.map((r) => r.id).sort());
  });

  it('saves a view and finds it again after a reload', async () => {
    const page = rep.page;
    const shown = (await rowIds(page)).sort();
    await page.getByTestId('view-save-as').click();
    await page.getByTestId('view-name').fill('我的超时项目');
    await page.getByTestId('view-name-ok').click();
    await page.waitForURL(/view=/);
    await listed(page, () => page.goto(`${server.url}/o/opportunity`));
    expect(await page.getByTestId('filter-tag-overdue').count()).toBe(0);
    await page.getByTestId('view-select').click();
    await listed(page, () => page.locator('.ant-select-item-option', { hasText: '我的超时项目' }).click());
    await page.getByTestId('filter-tag-overdue').waitFor();
    await pageSize(page, 100);
    expect((await rowIds(page)).sort()).toEqual(shown);
    const views = await api<{ items: Array<{ name: string; definition: unknown }> }>(repLogin, '/api/objects/opportunity/views');
    expect(views.items).toEqual([expect.objectContaining({ name: '我的超时项目', definition: { overdue: true } })]);
  });

  it('a regional manager transfers two selected records to another rep', async () => {
    const page = manager.page;
    await signIn(page, server.url, 'valve.rm.east', PASSWORD);
    await listed(page, () => page.goto(`${server.url}/o/opportunity?sort=name`));
    const ids = (await rowIds(page)).slice(0, 2);
    const before = await Promise.all(ids.map((id) => server.call<Row>('valve.rm.east', 'GET', `${LIST}/${id}`)));
    const owners = await api<{ items: Array<{ id: string; username: string; displayName: string }> }>('valve.rm.east', '/api/objects/opportunity/owners');
    const target = owners.items.find((o) => o.username.startsWith('valve.rep') && !before.some((r) => r.owner_id === o.id))!;
    for (const id of ids) await page.locator(`tr[data-row-key="${id}"] .ant-table-selection-column input`).check();
    await page.getByTestId('bulk-transfer').click();
    await page.getByTestId('transfer-target').click();
    await page.locator('.ant-select-item-option', { hasText: target.username }).click();
    await listed(page, () => page.getByTestId('transfer-ok').click());
    await page.locator('.ant-message-success').waitFor();
    for (const id of ids) expect((await server.call<Row>('valve.rm.east', 'GET', `${LIST}/${id}`)).owner_id).toBe(target.id);
    // The owner column names the new owner.
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-owner_id').click();
    await page.locator(`tr[data-row-key="${ids[0]}"]`, { hasText: target.displayName }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('exports a CSV of what the list shows: as many rows as the list', async () => {
    const page = manager.page;
    await listed(page, () => page.goto(`${server.url}/o/opportunity`));
    await pageSize(page, 100);
    await addFilter(page, 'stage', async () => {
      await page.locator('[data-testid=filter-options] label', { has: page.locator('input[value="quotation"]') }).click();
    });
    const visible = (await rowIds(page)).length;
    expect(visible).toBeGreaterThan(0);
    expect(await page.getByTestId('list-next').isDisabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^opportunity-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile((await download.path())!)).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['项目名称', '阶段', '预计金额']));
    expect(lines.length - 1).toBe(visible);
    expect(lines.slice(1).every((l) => l.includes('报价审批'))).toBe(true);
  });

  it('a ?filter= link (a dashboard drill-down) shows its tag and its rows; removing the tag lifts it', async () => {
    const page = manager.page;
    const drill = { field: 'stage', op: 'eq', value: 'won' };
    await listed(page, () => page.goto(`${server.url}/o/opportunity?filter=${encodeURIComponent(JSON.stringify(drill))}`));
    await page.getByTestId('filter-tag-drill').waitFor();
    await pageSize(page, 100);
    const expected = await api('valve.rm.east', query(drill));
    expect((await rowIds(page)).sort()).toEqual(expected.items.map((r) => r.id).sort());
    await screenshot(page, 'lists');

    await listed(page, () => page.getByTestId('filter-tag-drill').locator('.ant-tag-close-icon').click());
    expect(new URL(page.url()).searchParams.get('filter')).toBeNull();
    expect((await rowIds(page)).length).toBeGreaterThan(expected.items.length);
  });

  it('stays usable at phone width: the page does not overflow, the table scrolls', async () => {
    const page = manager.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await listed(page, () => page.goto(`${server.url}/o/opportunity`));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByTestId('filter-add').waitFor();
    await screenshot(page, 'lists-phone');
  });

  it('logged no console errors', () => {
    expect(rep.errors).toEqual([]);
    expect(manager.errors).toEqual([]);
  });
});
