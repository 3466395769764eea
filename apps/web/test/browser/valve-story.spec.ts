import { fieldItem, openBrowser, pickRelation, screenshot, signIn, type BrowserSession } from './support/browser';
import { PASSWORD, startPackServer, type WorkspaceServer } from './support/workspace-server';

/**
 * The story of issue #9 on the shipped valve pack and its demo data, through the
 * production build: a rep creates a customer and a project, meets the 需求确认 gate,
 * uploads the survey, quotes below cost and submits; the regional manager decides from
 * the inbox; a blocked kanban drag snaps back; English; a phone check-in.
 */
jest.setTimeout(90_000);

const byField = (object: string, field: string, value: string) => `/api/objects/${object}/records?filter=${encodeURIComponent(JSON.stringify({ field, op: 'eq', value }))}`;
const PDF = { name: 'survey.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

describe('the valve pack story in a browser', () => {
  let server: WorkspaceServer;
  let rep: BrowserSession;
  let repLogin: string;
  let repName: string;
  let demoTaxId: string;
  let opportunityId: string;
  let quoteNo: string;
  const stamp = Date.now().toString(36);
  const customerName = `浦东新阀用户${stamp}`;

  beforeAll(async () => {
    server = await startPackServer(['valve-manufacturing']);
    // A rep of 华东区, whose regional manager is valve.rm.east.
    for (let n = 1; n <= 28 && !repLogin; n++) {
      const login = `valve.rep${String(n).padStart(2, '0')}`;
      const me = await server.call(login, 'GET', '/api/me');
      if (me.orgUnit?.key === 'valve_east') [repLogin, repName] = [login, me.user.displayName];
    }
    demoTaxId = (await server.call(repLogin, 'GET', '/api/objects/customer/records?limit=1')).items[0].tax_id;
    rep = await openBrowser();
  }, 300_000);

  afterAll(async () => {
    await rep?.close();
    await server?.close();
  });

  afterEach(() => expect(rep.errors).toEqual([]));

  it('signs the rep in; the navigation comes from the pack', async () => {
    await signIn(rep.page, server.url, repLogin, PASSWORD);
    const nav = rep.page.getByRole('menu');
    for (const text of ['客户', '项目商机', '报价单', '拜访跟进记录', '项目销售漏斗看板', '审批']) await nav.getByText(text, { exact: true }).waitFor();
  });

  it('creates a customer through the pack form: a missing field refused before sending, a duplicate tax id on its field', async () => {
    const page = rep.page;
    await page.getByRole('menu').getByText('客户', { exact: true }).click();
    await page.getByRole('button', { name: '新建' }).click();
    // The form document's layout: its sections and the help text it gives the tax id.
    await page.getByTestId('form-section-identity').getByText('客户', { exact: true }).waitFor();
    await fieldItem(page, 'tax_id').getByText('系统按税号查重').waitFor();
    let posts = 0;
    const count = (r: { method(): string; url(): string }) => r.method() === 'POST' && r.url().endsWith('/api/objects/customer/records') && posts++;
    page.on('request', count);
    await page.getByRole('button', { name: '保存' }).click();
    await fieldItem(page, 'name').locator('.ant-form-item-explain-error').waitFor();
    expect(posts).toBe(0);

    await page.locator('#root_name').fill(customerName);
    await page.locator('#root_tax_id').fill(`91310115${stamp.toUpperCase().padStart(10, '0')}`);
    await fieldItem(page, 'region').getByText('华东', { exact: true }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('record-title').getByText(customerName).waitFor();
    expect(posts).toBe(1);

    await page.goto(`${server.url}/o/customer/new`);
    await page.locator('#root_name').fill('重复的客户');
    // A demo customer's tax id: only the server knows it exists.
    await page.locator('#root_tax_id').fill(demoTaxId);
    await fieldItem(page, 'region').getByText('华东', { exact: true }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await fieldItem(page, 'tax_id').locator('.ant-form-item-explain-error', { hasText: '该税号的客户已存在' }).waitFor();
    page.off('request', count);

    await page.getByRole('menu').getByText('客户', { exact: true }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'valve-list');
  });

  it('creates a project, is stopped leaving 需求确认 without the survey, uploads it and moves on', async () => {
    const page = rep.page;
    await page.goto(`${server.url}/o/opportunity/new`);
    await page.locator('#root_name').fill(`${customerName}闸阀改造`);
    await pickRelation(page, 'customer', customerName);
    await fieldItem(page, 'project_type').getByText('技改项目', { exact: true }).click();
    await page.locator('#root_amount').fill('800000');
    await fieldItem(page, 'valve_types').getByText('闸阀', { exact: true }).click();
    // Uploads need a saved record: the form says so where it places the documents.
    await page.getByText('保存后可上传「项目资料」').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    const path = page.getByTestId('stage-path');
    await path.waitFor();
    opportunityId = page.url().split('/').pop()!;

    await path.getByText('需求确认', { exact: true }).click();
    await path.locator('.ant-steps-item-process', { hasText: '需求确认' }).waitFor();
    await path.getByText('方案设计', { exact: true }).click();
    const blocked = page.getByTestId('blocked-move');
    await blocked.getByText('请上传客户需求调研表扫描件').waitFor();

    await blocked.getByRole('button', { name: '在此上传' }).click();
    const panel = page.locator('#attachments-documents');
    await panel.locator('.ant-select').getByText('客户需求调研表(扫描件)').waitFor();
    await panel.locator('input[type=file]').first().setInputFiles(PDF);
    await page.getByRole('link', { name: 'survey.pdf' }).waitFor();
    await path.getByText('方案设计', { exact: true }).click();
    await path.locator('.ant-steps-item-process', { hasText: '方案设计' }).waitFor();

    // The timeline shows the stage moves.
    await page.getByTestId('record-timeline').getByText('进入「方案设计」').waitFor();
    await page.getByTestId('record-timeline').getByText('进入「需求确认」').waitFor();
    // Every entry names its author; a comment joins the timeline and is kept on the server.
    await page.getByTestId('timeline-stage').first().getByText(repName, { exact: false }).waitFor();
    await page.getByTestId('comment-input').fill('客户下周三到厂验收样阀');
    await page.getByTestId('comment-send').click();
    await page.getByTestId('timeline-comment').getByText('客户下周三到厂验收样阀').waitFor();
    const comments = await server.call(repLogin, 'GET', `/api/objects/opportunity/records/${opportunityId}/comments`);
    expect(comments.items.map((c: { body: string; author: { name: string } }) => [c.body, c.author.name])).toEqual([['客户下周三到厂验收样阀', repName]]);
    await screenshot(page, 'valve-record');
  });

  it('creates a ¥300k quote below cost, confirms the warning, submits, recalls and submits again', async () => {
    const page = rep.page;
    await page.goto(`${server.url}/o/quote/new`);
    await pickRelation(page, 'opportunity', `${customerName}闸阀改造`);
    await page.locator('#root_amount').fill('300000');
    await page.locator('#root_cost').fill('280000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('warning-list').getByText('报价(不含税)低于成本价').waitFor();
    await page.getByRole('button', { name: '确认并保存' }).click();
    await page.getByTestId('record-title').getByText(/^BJ-/).waitFor();
    quoteNo = (await page.getByTestId('record-title').textContent())!;

    await page.getByRole('button', { name: '提交报价审批' }).click();
    const approvals = page.getByTestId('record-approvals');
    await approvals.getByTestId('approval-state').getByText('审批中').waitFor();
    // 撤回 while nobody has acted, then submit again.
    await approvals.getByRole('button', { name: '撤回' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤回' }).click();
    await approvals.getByTestId('approval-state').getByText('已撤回').waitFor();
    await page.getByRole('button', { name: '提交报价审批' }).click();
    await approvals.getByTestId('approval-state').getByText('审批中').waitFor();
    await approvals.getByText('区域经理审批').waitFor();
  });

  it('lets the regional manager comment on and approve the quote from the inbox', async () => {
    const manager = await openBrowser();
    try {
      await signIn(manager.page, server.url, 'valve.rm.east', PASSWORD);
      await manager.page.getByRole('menu').getByText('审批', { exact: true }).click();
      const item = manager.page.getByTestId('inbox-item').filter({ hasText: quoteNo });
      await item.waitFor();
      // The record summary: the quote's amount next to its number.
      await item.getByTestId('inbox-summary').getByText('¥300,000.00').waitFor();
      await item.getByTestId('inbox-summary').getByText(`${customerName}闸阀改造`).waitFor();
      await screenshot(manager.page, 'valve-inbox');

      await item.getByTestId('task-more').click();
      await manager.page.getByRole('menuitem', { name: '评论' }).click();
      const modal = manager.page.locator('.ant-modal');
      await modal.getByRole('button', { name: '评论' }).click();
      await modal.locator('.ant-form-item-explain-error', { hasText: '请填写意见' }).waitFor();
      await modal.locator('textarea').fill('毛利偏低，总监请关注');
      await modal.getByRole('button', { name: '评论' }).click();
      await manager.page.getByText('已评论').waitFor();

      await item.getByRole('button', { name: '同意' }).click();
      await manager.page.locator('.ant-modal').getByRole('button', { name: '同意' }).click();
      await item.waitFor({ state: 'detached' });
      expect(manager.errors).toEqual([]);
    } finally {
      await manager.close();
    }
    const quotes = await server.call(repLogin, 'GET', byField('quote', 'quote_no', quoteNo));
    const view = await server.call(repLogin, 'GET', `/api/objects/quote/records/${quotes.items[0].id}/approvals`);
    const pending = view.instances.find((i: { state: string }) => i.state === 'pending');
    // Above ¥200k the director and then the GM decide after the regional manager.
    expect(pending.currentStep).toBe('sales_director');
    expect(view.timeline.find((e: { type: string }) => e.type === 'commented')).toMatchObject({ comment: '毛利偏低，总监请关注' });

    // The rep's record page shows the comment in its timeline.
    await rep.page.goto(`${server.url}/o/quote/${quotes.items[0].id}`);
    await rep.page.getByTestId('record-timeline').getByText('毛利偏低，总监请关注', { exact: false }).waitFor();
  });

  it('snaps a kanban card back when the gate refuses the move, with the reasons', async () => {
    const customer = (await server.call(repLogin, 'GET', byField('customer', 'name', customerName))).items[0];
    const created = await server.call(repLogin, 'POST', '/api/objects/opportunity/records', { name: `${customerName}球阀备件`, customer: customer.id, amount: 120000, project_type: 'spare_parts', valve_types: ['ball'] });
    await server.call(repLogin, 'POST', `/api/objects/opportunity/records/${created.id}/stage`, { stage: 'requirement' });
    const page = rep.page;
    await page.getByRole('menu').getByText('项目销售漏斗看板', { exact: true }).click();
    const card = page.getByTestId(`card-${created.id}`);
    await page.getByTestId('column-requirement').getByTestId(`card-${created.id}`).waitFor();
    await card.dragTo(page.getByTestId('column-solution'));
    const blocked = page.getByTestId('blocked-move');
    await blocked.getByText('请上传客户需求调研表扫描件').waitFor();
    expect(await blocked.textContent()).toContain(`${customerName}球阀备件`);
    await page.getByTestId('column-requirement').getByTestId(`card-${created.id}`).waitFor();
    expect(await page.getByTestId('column-solution').getByTestId(`card-${created.id}`).count()).toBe(0);
    // The project moved through the path bar earlier sits in 方案设计.
    await page.getByTestId('column-solution').getByTestId(`card-${opportunityId}`).waitFor();
    await screenshot(page, 'valve-kanban');
  });

  it('switches to English', async () => {
    const page = rep.page;
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menu').getByText('Approvals', { exact: true }).waitFor();
    await page.getByRole('menu').getByText('Opportunities', { exact: true }).waitFor();
    await page.goto(`${server.url}/o/opportunity/${opportunityId}`);
    await page.getByTestId('stage-path').getByText('Solution design', { exact: true }).waitFor();
    await page.getByTestId('record-timeline').getByText('Entered Solution design').waitFor();
  });

  it('checks in on a visit at phone width with the browser location; the visit fields appear for 上门拜访 only', async () => {
    const phone = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: { latitude: 31.2304, longitude: 121.4737 }, permissions: ['geolocation'] });
    try {
      const page = phone.page;
      await signIn(page, server.url, repLogin, PASSWORD);
      await page.goto(`${server.url}/o/activity/new`);
      await pickRelation(page, 'customer', customerName);
      await page.locator('#root_subject').fill('现场勘察');
      await page.locator('#root_activity_date').click();
      await page.locator('#root_activity_date').fill('2026-12-01');
      await page.locator('#root_activity_date').press('Enter');
      // visibleWhen activity_type = visit: no check-in for a phone call.
      await fieldItem(page, 'activity_type').getByText('电话', { exact: true }).click();
      expect(await page.getByRole('button', { name: '在此签到' }).count()).toBe(0);
      await fieldItem(page, 'activity_type').getByText('上门拜访', { exact: true }).click();
      await page.getByRole('button', { name: '在此签到' }).click();
      await page.getByText('31.23040, 121.47370').waitFor();
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByTestId('record-title').getByText('现场勘察').waitFor();

      // On the phone the site photos offer the camera.
      await page.getByTestId('photo-photos').waitFor();
      expect(await page.getByTestId('photo-input-photos').getAttribute('capture')).toBe('environment');
      await page.getByTestId('photo-input-photos').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64') });
      await page.getByRole('link', { name: 'site.png' }).waitFor();
      await screenshot(page, 'valve-visit-phone');

      const visits = await server.call(repLogin, 'GET', byField('activity', 'subject', '现场勘察'));
      expect(visits.items[0].location).toMatchObject({ lat: 31.2304, lng: 121.4737 });
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
