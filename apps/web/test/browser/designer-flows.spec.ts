import { checkMetadata, type MetadataDocument, type PipelineDefinition } from '@tessera/metadata';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { ADMIN_PASSWORD, PASSWORD, startPackServer, type WorkspaceServer } from './support/workspace-server';

jest.setTimeout(180_000);

const REP = 'valve.rep01';

/** Picks the option whose text contains `text` in the open antd dropdown of `select`. */
async function choose(page: Page, select: Locator, text: string, search?: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** The text box of an antd input whose wrapper carries the test id. */
async function inputOf(box: Locator): Promise<Locator> {
  return (await box.evaluate((e) => e.tagName)) === 'INPUT' ? box : box.locator('input').first();
}

describe('designer: pipelines and approval flows', () => {
  let server: WorkspaceServer;
  let session: BrowserSession;
  let page: Page;
  let repToken: string;
  let dealId: string;

  const raw = async (method: string, path: string, body?: unknown, token = repToken) => {
    const res = await fetch(server.url + path, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && !(body instanceof FormData) && { 'content-type': 'application/json' }) }, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const draftDocuments = async (): Promise<MetadataDocument[]> => (await server.call('admin', 'GET', '/api/metadata/draft')).documents;
  const eventually = async <T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> => {
    const until = Date.now() + 15_000;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    server = await startPackServer(['valve-manufacturing']);
    repToken = (await raw('POST', '/api/auth/login', { username: REP, password: PASSWORD })).body.accessToken;
    const customer = (await raw('GET', '/api/objects/customer/records?limit=1')).body.items[0];
    const created = await raw('POST', '/api/objects/opportunity/records', { name: '设计器测试项目', customer: customer.id, amount: 120000, project_type: 'retrofit' });
    expect(created.status).toBe(201);
    expect(created.body.stage).toBe('lead');
    dealId = created.body.id;
    session = await openBrowser();
    page = session.page;
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('reorders two stages by drag, adds an attachment requirement, tests it on a record, and the published gate blocks the move until the file exists', async () => {
    await page.goto(`${server.url}/admin/pipelines/opportunity_pipeline`);
    await page.getByTestId('stage-row-solution').waitFor();
    await page.getByTestId('stage-row-solution').dragTo(page.getByTestId('stage-row-requirement'));
    const order = () => page.getByTestId('stage-list').locator('[data-testid^="stage-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('stage-row-'.length)));
    await eventually(async () => (await order()).slice(0, 3).join() === 'lead,solution,requirement', 'the dragged order');

    // Leaving 线索获取 now also needs a site photo.
    await page.getByTestId('stage-row-lead').click();
    await choose(page, page.getByTestId('stage-exit-add'), '附件已上传');
    await choose(page, page.getByTestId('stage-exit-2-category'), 'site_photo');
    await screenshot(page, 'designer-pipeline');

    // The draft on the server has both changes (the stage field's options follow the stage order).
    const saved = await eventually(async () => {
      const docs = await draftDocuments();
      const p = docs.find((d): d is PipelineDefinition => d.kind === 'pipeline' && d.key === 'opportunity_pipeline');
      // Saves are debounced: wait for the one that has the chosen category too.
      const added = p?.stages[0].exit?.[2];
      return added?.kind === 'attachment' && added.category === 'site_photo' && p!.stages[1].key === 'solution' ? docs : undefined;
    }, 'the saved draft');
    const stageField = saved.find((d) => d.kind === 'object' && d.key === 'opportunity')!;
    expect((stageField as { fields: Array<{ key: string; options?: Array<{ value: string }> }> }).fields.find((f) => f.key === 'stage')!.options!.map((o) => o.value).slice(0, 3)).toEqual(['lead', 'solution', 'requirement']);
    expect((saved.find((d) => d.kind === 'pipeline') as PipelineDefinition).stages[0].exit![2]).toEqual({ kind: 'attachment', field: 'documents', category: 'site_photo' });

    // Test against a real record: the draft gate, run in the browser, names the missing photo.
    await page.getByTestId('gate-test-open').click();
    // The options change as the search answers: pick again until the choice holds.
    for (let i = 0; i < 3 && !(await page.getByTestId('gate-test-run').isEnabled()); i++) {
      await choose(page, page.getByTestId('gate-test-record'), '设计器测试项目', i === 0 ? '设计器' : undefined);
      await page.waitForTimeout(200);
    }
    await page.getByTestId('gate-test-run').click();
    const unmet = page.getByTestId('gate-test-unmet-solution');
    await unmet.waitFor();
    expect(await unmet.textContent()).toContain('现场照片');
    expect(await unmet.textContent()).toContain('/stages/0/exit/2');
    await screenshot(page, 'designer-gate-test');
    await page.keyboard.press('Escape');

    const published = await server.call('admin', 'POST', '/api/metadata/publish', { note: 'designer-flows: site photo before solution' });
    expect(published.unchanged).toBeFalsy();

    const blocked = await raw('POST', `/api/objects/opportunity/records/${dealId}/stage`, { stage: 'solution' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.unmet).toEqual([expect.objectContaining({ kind: 'attachment', category: 'site_photo', path: '/stages/0/exit/2' })]);

    const upload = new FormData();
    upload.append('category', 'site_photo');
    upload.append('file', new Blob([Buffer.from('%PDF-1.7\nsite photo report\n')], { type: 'application/pdf' }), 'site.pdf');
    expect((await raw('POST', `/api/objects/opportunity/records/${dealId}/files/documents`, upload)).status).toBe(201);

    const moved = await raw('POST', `/api/objects/opportunity/records/${dealId}/stage`, { stage: 'solution' });
    expect(moved.status).toBe(200);
    expect(moved.body.stage.key).toBe('solution');
  });

  it('changes an approval tier\'s amount and the simulator shows the new route', async () => {
    await page.goto(`${server.url}/admin/approvals/quote_approval`);
    await page.getByTestId('flow-step-sales_director').waitFor();
    const simulate = async () => {
      await page.getByTestId('simulate-run').click();
      await page.getByTestId('simulate-route').waitFor();
      await page.waitForLoadState('networkidle');
      return Object.fromEntries(await page.locator('[data-testid^="simulate-step-"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid')!.slice('simulate-step-'.length), e.getAttribute('data-applies') === 'true'])));
    };
    await (await inputOf(page.getByTestId('simulate-field-amount'))).fill('80000');
    await choose(page, page.getByTestId('simulate-owner'), REP, REP);
    expect(await simulate()).toEqual({ regional_manager: true, sales_director: true, general_manager: false });
    expect(await page.getByTestId('simulate-step-regional_manager').getByTestId('simulate-approver').count()).toBeGreaterThan(0);

    // The director's tier now starts at ¥100k: an ¥80k quote goes to the regional manager only.
    await page.getByTestId('flow-step-sales_director').click();
    const threshold = await inputOf(page.getByTestId('step-when-value'));
    await threshold.fill('100000');
    await threshold.blur();
    await eventually(async () => (await page.getByTestId('flow-step-sales_director-when').textContent())?.includes('100000'), 'the new threshold in the flow drawing');
    await eventually(async () => {
      const route = await simulate();
      return route.sales_director === false && route.regional_manager === true ? route : undefined;
    }, 'the new route');
    await screenshot(page, 'designer-approval-simulator');

    const flow = await eventually(async () => (await draftDocuments()).find((d) => d.kind === 'approvalFlow' && d.key === 'quote_approval' && JSON.stringify(d).includes('100000')), 'the saved flow');
    expect((flow as { steps: Array<{ when?: unknown }> }).steps[1].when).toEqual({ kind: 'compare', field: 'amount', op: 'gte', value: 100000 });
  });

  it('edits an automation\'s trigger and a role\'s field access', async () => {
    await page.goto(`${server.url}/admin/automations/tech_proposal_review`);
    await page.getByTestId('trigger-editor').waitFor();
    await choose(page, page.getByTestId('trigger-on'), '进入阶段');
    await screenshot(page, 'designer-automation');
    await eventually(async () => (await draftDocuments()).find((d) => d.kind === 'automation' && d.key === 'tech_proposal_review' && d.trigger.on === 'stageEntered'), 'the saved trigger');

    await page.goto(`${server.url}/admin/roles/sales_rep`);
    await page.getByTestId('role-editor').waitFor();
    await page.locator('tr', { hasText: '项目商机' }).locator('.ant-table-row-expand-icon').click();
    await choose(page, page.getByTestId('role-field-opportunity-competitor'), '隐藏');
    await screenshot(page, 'designer-role');
    const role = await eventually(async () => (await draftDocuments()).find((d) => d.kind === 'role' && d.key === 'sales_rep' && JSON.stringify(d).includes('competitor')), 'the saved role');
    expect((role as { permissions: Array<{ object: string; fields?: Record<string, string> }> }).permissions.find((p) => p.object === 'opportunity')!.fields).toEqual({ competitor: 'hidden' });
  });

  it('creates a pipeline for an object that has none, with its stage field', async () => {
    await page.goto(`${server.url}/admin/pipelines`);
    await page.getByTestId('new-pipeline').click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByPlaceholder(/key|键/i).fill('contract_flow');
    await choose(page, dialog.locator('.ant-select'), '合同');
    await dialog.getByRole('button', { name: /OK|确定/ }).click();
    await page.waitForURL(/\/admin\/pipelines\/contract_flow$/);
    const docs = await eventually(async () => {
      const all = await draftDocuments();
      return all.some((d) => d.kind === 'pipeline' && d.key === 'contract_flow') ? all : undefined;
    }, 'the saved pipeline');
    const contract = docs.find((d) => d.kind === 'object' && d.key === 'contract') as { fields: Array<{ key: string; type: string }> };
    const pipeline = docs.find((d) => d.kind === 'pipeline' && d.key === 'contract_flow') as PipelineDefinition;
    expect(contract.fields.find((f) => f.key === pipeline.stageField)).toMatchObject({ type: 'select' });
    expect(pipeline.stages.map((s) => s.key)).toEqual(['open', 'won', 'lost']);
  });

  it('leaves a draft that passes validation, without console errors', async () => {
    const documents = await draftDocuments();
    const checked = checkMetadata(documents.map((document, i) => ({ source: `${document.kind}:${'key' in document ? document.key : i}`, document })));
    expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await raw('POST', '/api/metadata/draft/validate', {}, (await raw('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body.accessToken)).status).toBeLessThan(300);
    expect(session.errors).toEqual([]);
  });
});
