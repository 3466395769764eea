import { loadMetadata, type MetadataDocument, type ObjectDefinition } from '@tessera/metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { ADMIN_PASSWORD, PASSWORD, startPackServer, type WorkspaceServer } from './support/workspace-server';

/**
 * The designer (issue #10) on the shipped valve pack, through the production build: the
 * admin drags a new field onto the opportunity, names it (a key with a space is refused
 * inline), undoes a change, publishes; a rep fills the new field; removing it again is a
 * destructive change that is offered as a retirement; a pack bundle shows its plan before
 * it is imported. Every draft the designer saves passes the metadata validation.
 */
jest.setTimeout(120_000);

const objectOf = (documents: MetadataDocument[], key: string) => documents.find((d): d is ObjectDefinition => d.kind === 'object' && d.key === key);

/** Polls `read` until `ok` holds (the draft is saved a moment after an edit). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Drags onto the end of the field list (scrolled into view first: Chromium's drag does not survive a scroll). */
async function dropOnFieldList(page: Page, source: string) {
  await page.getByTestId('field-list-end').scrollIntoViewIfNeeded();
  await page.getByTestId(source).dragTo(page.getByTestId('field-list-end'));
}

/** Opens an object in the designer through its menu (the objects group opened when closed). */
async function openObject(page: Page, key: string) {
  const item = page.getByTestId(`designer-doc-object-${key}`);
  if (!(await item.isVisible())) await page.getByRole('menu', { name: '设计器导航' }).getByText('对象', { exact: true }).click();
  await item.click();
  await page.getByTestId(`object-designer-${key}`).waitFor();
}

describe('the designer in a browser', () => {
  let server: WorkspaceServer;
  let admin: BrowserSession;
  let rep: BrowserSession;
  let page: Page;
  let opportunityId: string;
  const repLogin = 'valve.rep01';
  const draft = async () => (await server.call<{ documents: MetadataDocument[] }>('admin', 'GET', '/api/metadata/draft')).documents;
  const opportunityField = async (key: string) => objectOf(await draft(), 'opportunity')?.fields.find((f) => f.key === key);

  /** What `tessera metadata validate` does: schema and lint over the whole set. */
  const expectDraftValid = async () => {
    const result = loadMetadata((await draft()).map((content, i) => ({ name: `draft/${i}`, content })));
    expect(result.ok ? [] : result.errors).toEqual([]);
  };

  beforeAll(async () => {
    server = await startPackServer(['valve-manufacturing']);
    opportunityId = (await server.call(repLogin, 'GET', '/api/objects/opportunity/records?limit=1')).items[0].id;
    admin = await openBrowser();
    page = admin.page;
  }, 300_000);

  afterAll(async () => {
    await admin?.close();
    await rep?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(admin?.errors ?? []).toEqual([]);
    expect(rep?.errors ?? []).toEqual([]);
  });

  it('opens the designer from the shell as admin; the rep has no designer entry', async () => {
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menu').getByText('设计器', { exact: true }).click();
    await page.waitForURL(/\/admin/);
    await page.getByTestId('designer-save-state').getByText('草稿已保存').waitFor();
    const repMe = await server.call(repLogin, 'GET', '/api/me');
    expect(repMe.isAdmin || repMe.capabilities.includes('design') || repMe.capabilities.includes('publish')).toBe(false);
  });

  it('drags a text field onto the opportunity; a key with a space is refused inline before any save; key and labels are set', async () => {
    await openObject(page, 'opportunity');
    await dropOnFieldList(page, 'palette-text');
    await page.getByTestId('field-row-new_text').waitFor();
    await page.getByTestId('field-properties').waitFor();
    expect(await eventually(() => opportunityField('new_text'), (f) => f !== undefined)).toMatchObject({ type: 'text' });

    const key = page.getByTestId('field-key');
    await key.fill('site contact');
    await page.getByTestId('field-key-error').getByText('不能有空格', { exact: false }).waitFor();
    await key.press('Enter');
    await key.blur();
    await page.waitForTimeout(1200);
    expect(await opportunityField('site contact')).toBeUndefined();
    await screenshot(page, 'designer-key-refused');

    await key.fill('site_contact');
    await key.press('Enter');
    await page.getByTestId('field-row-site_contact').waitFor();
    await page.getByTestId('field-label-zh-CN').fill('现场联系人');
    await page.getByTestId('field-label-zh-CN').press('Enter');
    await page.getByTestId('field-label-en').fill('Site contact');
    await page.getByTestId('field-label-en').press('Enter');
    const saved = await eventually(() => opportunityField('site_contact'), (f) => f?.label.en === 'Site contact');
    expect(saved).toMatchObject({ key: 'site_contact', type: 'text', label: { 'zh-CN': '现场联系人', en: 'Site contact' } });
    await expectDraftValid();
  });

  it('reorders by dragging a field above another', async () => {
    const keys = async () => objectOf(await draft(), 'opportunity')!.fields.map((f) => f.key);
    await page.getByTestId('field-row-site_contact').dragTo(page.getByTestId('field-row-name'));
    const after = await eventually(keys, (k) => k[0] === 'site_contact');
    expect(after.slice(0, 2)).toEqual(['site_contact', 'name']);
    await dropOnFieldList(page, 'field-row-site_contact');
    expect((await eventually(keys, (k) => k[k.length - 1] === 'site_contact')).at(-1)).toBe('site_contact');
  });

  it('undo restores the previous draft, redo brings the change back', async () => {
    await page.getByTestId('prop-required').click();
    expect(await eventually(() => opportunityField('site_contact'), (f) => f?.required === true)).toMatchObject({ required: true });
    await page.getByTestId('designer-undo').click();
    expect((await eventually(() => opportunityField('site_contact'), (f) => f?.required !== true))?.required).toBeUndefined();
    await page.getByTestId('designer-redo').click();
    expect(await eventually(() => opportunityField('site_contact'), (f) => f?.required === true)).toMatchObject({ required: true });
    // Ctrl+Z outside a text box undoes too.
    await page.getByTestId('field-list').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    expect((await eventually(() => opportunityField('site_contact'), (f) => f?.required !== true))?.required).toBeUndefined();
    await screenshot(page, 'designer-object');
    await expectDraftValid();
  });

  it('writes a formula in the expression editor', async () => {
    await dropOnFieldList(page, 'palette-formula');
    await page.getByTestId('field-row-new_formula').waitFor();
    const editor = page.getByTestId('prop-expression').locator('textarea');
    await editor.fill('amount * 2');
    await editor.blur();
    expect(await eventually(() => opportunityField('new_formula'), (f) => (f as { expression?: string } | undefined)?.expression === 'amount * 2')).toMatchObject({ type: 'formula', expression: 'amount * 2' });
    await page.getByTestId('field-row-new_formula').getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await page.getByTestId('field-row-new_formula').waitFor({ state: 'detached' });
  });

  it('shows a validation problem from the server next to the field it points at', async () => {
    // An auto number's pattern needs {seq}: the schema refuses it, the 422's pointer lands on the field's property.
    await dropOnFieldList(page, 'palette-autonumber');
    await page.getByTestId('field-row-new_autonumber').waitFor();
    await page.getByTestId('prop-pattern').fill('OPP-');
    await page.getByTestId('prop-pattern').press('Enter');
    await page.getByTestId('problem-pattern').waitFor();
    await page.getByTestId('field-row-new_autonumber').locator('.ant-badge-count').waitFor();
    await screenshot(page, 'designer-problem');
    await page.getByTestId('field-row-new_autonumber').getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await page.getByTestId('field-row-new_autonumber').waitFor({ state: 'detached' });
    expect(await eventually(() => opportunityField('new_autonumber'), (f) => f === undefined)).toBeUndefined();
    await page.getByTestId('designer-problems').locator('.ant-badge-count').waitFor({ state: 'detached' });
    await expectDraftValid();
  });

  it('adds a warning rule, and adds and removes a duplicate rule, in the rules editor', async () => {
    await page.getByTestId('rule-add').click();
    const rule = page.getByTestId('rule-0');
    await rule.waitFor();
    await page.getByTestId('rule-0-key').fill('min amount');
    await rule.getByText('小写字母、数字和下划线，以字母开头').waitFor();
    await page.getByTestId('rule-0-key').fill('min_amount');
    await page.getByTestId('rule-0-key').press('Enter');
    await rule.locator('[data-testid="rule-0-severity"]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '警告（需确认）' }).click();
    const expression = page.getByTestId('rule-0-expression').locator('textarea');
    await expression.fill('amount >= 10000');
    await expression.blur();
    await page.getByTestId('rule-0-message-zh-CN').fill('金额低于 1 万元，请确认');
    await page.getByTestId('rule-0-message-zh-CN').press('Enter');
    const saved = await eventually(draft, (docs) => JSON.stringify(objectOf(docs, 'opportunity')?.rules ?? []).includes('金额低于'));
    expect(objectOf(saved, 'opportunity')?.rules).toEqual([{ key: 'min_amount', expression: 'amount >= 10000', severity: 'warning', message: { 'zh-CN': '金额低于 1 万元，请确认', en: 'Check the values' } }]);
    // A duplicate rule starts on the title field; removed again (demo names repeat, publishing it would be refused).
    await page.getByTestId('duplicate-add').click();
    await page.getByTestId('duplicate-0').waitFor();
    await screenshot(page, 'designer-rules');
    const titleField = objectOf(await draft(), 'opportunity')?.titleField;
    expect(objectOf(await eventually(draft, (docs) => (objectOf(docs, 'opportunity')?.duplicateRules ?? []).length === 1), 'opportunity')?.duplicateRules).toEqual([{ key: 'duplicate', fields: [titleField], normalize: 'lowercase' }]);
    await page.getByTestId('duplicate-0').getByRole('button', { name: '删除' }).click();
    expect(objectOf(await eventually(draft, (docs) => (objectOf(docs, 'opportunity')?.duplicateRules ?? []).length === 0), 'opportunity')?.duplicateRules ?? []).toEqual([]);
    await expectDraftValid();
  });

  it('publishes the draft with its diff; the rep sees the new field on the opportunity form and fills it', async () => {
    await page.getByRole('menu', { name: '设计器导航' }).getByText('发布', { exact: true }).click();
    await page.getByTestId('diff-doc-object:opportunity').waitFor();
    await screenshot(page, 'designer-publish');
    await page.getByTestId('publish-note').fill('现场联系人');
    await page.getByTestId('publish-submit').click();
    await page.getByTestId('publish-done').waitFor();
    const current = await server.call<{ documents: MetadataDocument[] }>('admin', 'GET', '/api/metadata/current');
    expect(objectOf(current.documents, 'opportunity')?.fields.find((f) => f.key === 'site_contact')).toMatchObject({ label: { 'zh-CN': '现场联系人' } });

    rep = await openBrowser();
    await signIn(rep.page, server.url, repLogin, PASSWORD);
    expect(await rep.page.getByRole('menu').getByText('设计器', { exact: true }).count()).toBe(0);
    await rep.page.goto(`${server.url}/o/opportunity/${opportunityId}`);
    await rep.page.locator('#root_site_contact').fill('王工 13800000000');
    await rep.page.getByRole('button', { name: '保存' }).click();
    const record = await eventually(() => server.call(repLogin, 'GET', `/api/objects/opportunity/records/${opportunityId}`), (r) => r.site_contact !== undefined && r.site_contact !== null);
    expect(record.site_contact).toBe('王工 13800000000');
    await screenshot(rep.page, 'designer-rep-new-field');
  });

  it('the published warning rule asks the rep to confirm a small amount', async () => {
    // A write that breaks it answers 409 naming the rule (the form then asks to confirm).
    await expect(server.call(repLogin, 'PATCH', `/api/objects/opportunity/records/${opportunityId}`, { amount: 5000 })).rejects.toThrow(/409.*min_amount/);
  });

  it('removing a field that holds data shows the warning and publishes it retired, the value kept', async () => {
    await openObject(page, 'opportunity');
    await page.getByTestId('field-row-site_contact').getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await page.getByTestId('field-row-site_contact').waitFor({ state: 'detached' });

    await page.getByRole('menu', { name: '设计器导航' }).getByText('发布', { exact: true }).click();
    await page.getByTestId('risk-opportunity-site_contact').waitFor();
    await page.getByTestId('publish-retire-choice').waitFor();
    await page.getByTestId('publish-submit').click();
    const refused = page.getByTestId('publish-refused');
    await refused.getByText('1 stored record', { exact: false }).waitFor();
    await screenshot(page, 'designer-destructive');
    await page.getByTestId('publish-retire').click();
    await page.getByTestId('publish-done').waitFor();

    const current = await server.call<{ documents: MetadataDocument[] }>('admin', 'GET', '/api/metadata/current');
    expect(objectOf(current.documents, 'opportunity')?.fields.find((f) => f.key === 'site_contact')).toMatchObject({ retired: true });
    // The draft continues from what is published (the field kept, retired).
    expect(await eventually(() => opportunityField('site_contact'), (f) => f?.retired === true)).toMatchObject({ retired: true });
    await expectDraftValid();
  });

  it('lists the versions and shows one with its diff', async () => {
    await page.getByRole('menu', { name: '设计器导航' }).getByText('版本历史', { exact: true }).click();
    const versions = await server.call<{ items: Array<{ version: number; note: string | null }> }>('admin', 'GET', '/api/metadata/versions');
    const published = versions.items.find((v) => v.note === '现场联系人')!;
    await page.getByRole('link', { name: `v${published.version}` }).click();
    await page.getByTestId(`version-${published.version}`).getByTestId('diff-doc-object:opportunity').click();
    await page.getByText('/fields/', { exact: false }).first().waitFor();
    await screenshot(page, 'designer-version');
  });

  it('imports a pack bundle: its plan is shown before anything is applied', async () => {
    await page.getByRole('menu', { name: '设计器导航' }).getByText('模板包', { exact: true }).click();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-pack-'));
    try {
      // The export is a download of the installed pack's bundle.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-valve-manufacturing').click()]);
      const exported = path.join(dir, 'exported.json');
      await download.saveAs(exported);
      const bundle = JSON.parse(await readFile(exported, 'utf8'));
      expect(bundle.manifest).toMatchObject({ name: 'valve-manufacturing' });

      // Version 1.x+1 with one more field on the customer: an upgrade.
      const [major, minor] = String(bundle.manifest.version).split('.').map(Number);
      bundle.manifest.version = `${major}.${minor + 1}.0`;
      const customerPath = Object.keys(bundle.documents).find((p) => bundle.documents[p].kind === 'object' && bundle.documents[p].key === 'customer')!;
      bundle.documents[customerPath].fields.push({ key: 'wechat', type: 'text', label: { 'zh-CN': '微信', en: 'WeChat' } });
      const upgraded = path.join(dir, 'upgraded.json');
      await writeFile(upgraded, JSON.stringify(bundle));

      const versionBefore = (await server.call('admin', 'GET', '/api/metadata/current')).version;
      await page.getByTestId('packs-page').locator('input[type=file]').setInputFiles(upgraded);
      await page.getByTestId('pack-plan').click();
      await page.getByTestId('pack-plan-view').waitFor();
      await page.getByTestId('pack-plan-action').getByText('升级').waitFor();
      await page.getByTestId('pack-plan-view').getByTestId('diff-doc-object:customer').waitFor();
      await screenshot(page, 'designer-pack-plan');
      // Nothing is applied by the plan.
      expect((await server.call('admin', 'GET', '/api/metadata/current')).version).toBe(versionBefore);

      await page.getByTestId('pack-import').click();
      await page.getByTestId('pack-imported').waitFor();
      const current = await server.call<{ version: number; documents: MetadataDocument[] }>('admin', 'GET', '/api/metadata/current');
      expect(current.version).toBeGreaterThan(versionBefore);
      expect(objectOf(current.documents, 'customer')?.fields.some((f) => f.key === 'wechat')).toBe(true);

      await page.getByTestId('pack-load-draft').click();
      expect((await eventually(async () => objectOf(await draft(), 'customer'), (c) => c?.fields.some((f) => f.key === 'wechat') === true))?.fields.some((f) => f.key === 'wechat')).toBe(true);
      await expectDraftValid();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
