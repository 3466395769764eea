import { fieldItem, openBrowser, pickRelation, screenshot, signIn, type BrowserSession } from './support/browser';
import { workspaceMetadata } from './support/workspace-metadata';
import { PASSWORD, startWorkspaceServer, type WorkspaceServer } from './support/workspace-server';

jest.setTimeout(60_000);


describe('workspace in a browser', () => {
  let server: WorkspaceServer;
  let rep: BrowserSession;

  beforeAll(async () => {
    server = await startWorkspaceServer(workspaceMetadata, {
      units: [{ key: 'east', manager: 'manager' }, { key: 'east_shanghai', parent: 'east' }],
      users: [
        { username: 'rep', displayName: '王销售', unit: 'east_shanghai', roles: ['sales_rep'] },
        { username: 'manager', displayName: '李经理', unit: 'east', roles: ['sales_manager'] },
      ],
    });
    rep = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await rep?.close();
    await server?.close();
  });

  it('signs the rep in and builds the navigation from the metadata', async () => {
    await signIn(rep.page, server.url, 'rep', PASSWORD);
    const nav = rep.page.getByRole('menu');
    for (const text of ['客户', '商机', '报价单', '拜访', '项目销售看板', '审批']) await nav.getByText(text, { exact: true }).waitFor();
    await rep.page.getByTestId('current-user').getByText('王销售').waitFor();
  });

  it('creates a customer through the generated form, refusing a missing name before sending and a duplicate tax id on its field', async () => {
    const page = rep.page;
    await page.getByRole('menu').getByText('客户', { exact: true }).click();
    await page.getByRole('button', { name: '新建' }).click();
    let posts = 0;
    const count = (r: { method(): string; url(): string }) => r.method() === 'POST' && r.url().endsWith('/api/objects/customer/records') && posts++;
    page.on('request', count);
    await page.getByRole('button', { name: '保存' }).click();
    await fieldItem(page, 'name').locator('.ant-form-item-explain-error').waitFor();
    expect(posts).toBe(0);

    await page.locator('#root_name').fill('华东阀门用户一厂');
    await page.locator('#root_tax_id').fill('91310000MA1K000001');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('record-title').getByText('华东阀门用户一厂').waitFor();
    expect(posts).toBe(1);

    await page.goto(`${server.url}/o/customer/new`);
    await page.locator('#root_name').fill('重复客户');
    await page.locator('#root_tax_id').fill('91310000-ma1k-000001');
    await page.getByRole('button', { name: '保存' }).click();
    await fieldItem(page, 'tax_id').locator('.ant-form-item-explain-error', { hasText: '税号已存在' }).waitFor();
    page.off('request', count);

    await page.getByRole('menu').getByText('客户', { exact: true }).click();
    await page.locator('.ant-table-row', { hasText: '华东阀门用户一厂' }).waitFor();
    await screenshot(page, 'list');
  });

  it('creates an opportunity, is stopped leaving 需求确认 without the survey, uploads it and moves on', async () => {
    const page = rep.page;
    await page.goto(`${server.url}/o/opportunity/new`);
    await page.locator('#root_title').fill('一厂闸阀改造项目');
    await page.locator('#root_amount').fill('800000');
    await pickRelation(page, 'customer', '华东阀门用户一厂');
    await page.getByRole('button', { name: '保存' }).click();
    const path = page.getByTestId('stage-path');
    await path.waitFor();

    await path.getByText('需求确认', { exact: true }).click();
    await path.locator('.ant-steps-item-process', { hasText: '需求确认' }).waitFor();
    await path.getByText('方案报价', { exact: true }).click();
    const blocked = page.getByTestId('blocked-move');
    await blocked.waitFor();
    expect(await blocked.textContent()).toContain('方案报价');

    await blocked.getByRole('button', { name: '在此上传' }).click();
    await page.getByTestId('upload-docs').locator('..').locator('input[type=file]').setInputFiles({ name: 'survey.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await page.getByRole('link', { name: 'survey.pdf' }).waitFor();
    await path.getByText('方案报价', { exact: true }).click();
    await path.locator('.ant-steps-item-process', { hasText: '方案报价' }).waitFor();
    await screenshot(page, 'record');
  });

  it('creates a ¥300k quote below cost, confirms the warning and submits it for approval', async () => {
    const page = rep.page;
    await page.goto(`${server.url}/o/quote/new`);
    await page.locator('#root_title').fill('一厂闸阀报价');
    await page.locator('#root_amount').fill('300000');
    await page.locator('#root_cost').fill('320000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('warning-list').getByText('报价低于成本').waitFor();
    await page.getByRole('button', { name: '确认并保存' }).click();
    await page.getByTestId('record-title').getByText('一厂闸阀报价').waitFor();

    await page.getByRole('button', { name: '提交报价审批' }).click();
    await page.getByTestId('approval-state').getByText('审批中').waitFor();
  });

  it('lets the regional manager approve from the inbox', async () => {
    const manager = await openBrowser();
    try {
      await signIn(manager.page, server.url, 'manager', PASSWORD);
      await manager.page.getByRole('menu').getByText('审批', { exact: true }).click();
      const item = manager.page.getByTestId('inbox-item').filter({ hasText: '一厂闸阀报价' });
      await item.waitFor();
      await screenshot(manager.page, 'inbox');
      await item.getByRole('button', { name: '同意' }).click();
      await manager.page.locator('.ant-modal').getByRole('button', { name: '同意' }).click();
      await item.waitFor({ state: 'detached' });
      expect(manager.errors).toEqual([]);
    } finally {
      await manager.close();
    }
    const quotes = await server.call('rep', 'GET', '/api/objects/quote/records');
    const approvals = await server.call('rep', 'GET', `/api/objects/quote/records/${quotes.items[0].id}/approvals`);
    expect(approvals.instances.map((i: { outcome: string }) => i.outcome)).toEqual(['approved']);
  });

  it('snaps a card back on the kanban when the gate refuses the move, with the reasons', async () => {
    const created = await server.call('rep', 'POST', '/api/objects/opportunity/records', { title: '二厂球阀项目', amount: 120000 });
    await server.call('rep', 'POST', `/api/objects/opportunity/records/${created.id}/stage`, { stage: 'confirm' });
    const page = rep.page;
    await page.getByRole('menu').getByText('项目销售看板', { exact: true }).click();
    const card = page.getByTestId(`card-${created.id}`);
    await page.getByTestId('column-confirm').getByTestId(`card-${created.id}`).waitFor();
    await card.dragTo(page.getByTestId('column-quote'));
    const blocked = page.getByTestId('blocked-move');
    await blocked.waitFor();
    expect(await blocked.textContent()).toContain('二厂球阀项目');
    await page.getByTestId('column-confirm').getByTestId(`card-${created.id}`).waitFor();
    expect(await page.getByTestId('column-quote').getByTestId(`card-${created.id}`).count()).toBe(0);
    await screenshot(page, 'kanban');
  });

  it('switches to English', async () => {
    const page = rep.page;
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menu').getByText('Approvals', { exact: true }).waitFor();
    await page.getByRole('menu').getByText('Customer', { exact: true }).waitFor();
    expect(rep.errors).toEqual([]);
  });

  it('checks in on a visit at phone width with the browser location', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: { latitude: 31.2304, longitude: 121.4737 }, permissions: ['geolocation'] });
    try {
      await signIn(phone.page, server.url, 'rep', PASSWORD);
      await phone.page.goto(`${server.url}/o/visit/new`);
      await phone.page.locator('#root_subject').fill('一厂现场拜访');
      await phone.page.getByRole('button', { name: '在此签到' }).click();
      await phone.page.getByText('31.23040, 121.47370').waitFor();
      await phone.page.getByRole('button', { name: '保存' }).click();
      await phone.page.getByTestId('record-title').getByText('一厂现场拜访').waitFor();
      await screenshot(phone.page, 'visit-phone');
      const visits = await server.call('rep', 'GET', '/api/objects/visit/records');
      expect(visits.items[0].location).toMatchObject({ lat: 31.2304, lng: 121.4737 });
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
