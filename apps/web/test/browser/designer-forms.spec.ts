import { loadMetadata, type FieldItem, type FormDefinition, type FormItem, type MetadataDocument } from '@tessera/metadata';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, type BrowserSession } from './support/browser';
import { ADMIN_PASSWORD, PASSWORD, startPackServer, type WorkspaceServer } from './support/workspace-server';

jest.setTimeout(90_000);

/**
 * The form designer on the valve pack: a new opportunity field dragged into the main
 * form, its help text and visibility condition set with the expression editor, the live
 * preview following a sample value, a parse error shown where it is, the saved draft
 * valid, and after publishing a rep finds the field on the record page.
 */
describe('form designer in a browser', () => {
  let server: WorkspaceServer;
  let admin: BrowserSession;
  let rep: BrowserSession | undefined;

  beforeAll(async () => {
    server = await startPackServer(['valve-manufacturing']);
    // The field the admin places: new on the object (the object designer's part), not yet on any form.
    const draft = await server.call<{ documents: MetadataDocument[] }>('admin', 'GET', '/api/metadata/draft');
    const documents = draft.documents.map((d) =>
      d.kind === 'object' && d.key === 'opportunity'
        ? { ...d, fields: [...d.fields, { key: 'site_contact', type: 'text', label: { 'zh-CN': '现场联系人', en: 'Site contact' }, maxLength: 100 }] }
        : d,
    );
    await server.call('admin', 'PUT', '/api/metadata/draft', { documents });
    // Tall enough that a drag from the palette to a section needs no scrolling on the way.
    admin = await openBrowser({ viewport: { width: 1600, height: 1400 } });
  }, 240_000);

  afterAll(async () => {
    await rep?.close();
    await admin?.close();
    await server?.close();
  });

  /** The preview's input of a field (the designer page holds no other record form). */
  const previewInput = (page: Page, field: string) => page.getByTestId('form-preview').locator(`#root_${field}`);

  async function typeInEditor(editor: Locator, text: string) {
    const box = editor.locator('textarea');
    await box.click();
    await box.press('ControlOrMeta+a');
    await box.press('Delete');
    await box.pressSequentially(text);
  }

  it('drags a field of the opportunity into a section of its main form', async () => {
    const page = admin.page;
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}/admin/forms/opportunity_main`);
    const palette = page.getByTestId('palette-field-site_contact');
    await palette.waitFor();
    // Fields already on the form are not offered again.
    expect(await page.getByTestId('palette-field-amount').getAttribute('data-placed')).toBe('true');

    await palette.dragTo(page.getByTestId('canvas-drop-technical'));
    const item = page.getByTestId('canvas-section-technical').getByTestId('canvas-item-site_contact');
    await item.waitFor();
    expect(await item.getAttribute('data-selected')).toBe('true');
    expect(await palette.getAttribute('data-placed')).toBe('true');

    // Reordered by dragging: before the technical requirements.
    await item.dragTo(page.getByTestId('canvas-section-technical').getByTestId('canvas-item-tech_requirements'));
    const order = await page.getByTestId('canvas-section-technical').locator('[data-testid^="canvas-item-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual(['canvas-item-note', 'canvas-item-site_contact', 'canvas-item-tech_requirements', 'canvas-item-documents']);
    await page.getByTestId('form-preview').locator('#root_site_contact').waitFor();
  });

  it('adds a related list of contracts from the blocks of the palette and picks its columns', async () => {
    const page = admin.page;
    await page.getByTestId('palette-block-related-contract-opportunity').dragTo(page.getByTestId('canvas-drop-quotes'));
    const item = page.getByTestId('canvas-section-quotes').locator('[data-testid^="canvas-item-"]').nth(1);
    await item.waitFor();
    await page.getByTestId('related-columns').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '合同金额' }).first().click();
    await page.keyboard.press('Escape');
    const saved = async () => {
      const draft = await server.call<{ documents: MetadataDocument[] }>('admin', 'GET', '/api/metadata/draft');
      const form = draft.documents.find((d): d is FormDefinition => d.kind === 'form' && d.key === 'opportunity_main')!;
      return form.tabs[0].sections.find((s) => s.key === 'quotes')!.items;
    };
    // Saves are debounced: wait for the one with the chosen column as well.
    const done = (items: FormItem[]) => items.some((i) => i.kind === 'relatedList' && i.object === 'contract' && i.columns.length === 2);
    let items = await saved();
    for (let i = 0; i < 50 && !done(items); i++) {
      await page.waitForTimeout(200);
      items = await saved();
    }
    expect(items[1]).toMatchObject({ kind: 'relatedList', object: 'contract', via: 'opportunity' });
    expect((items[1] as { columns: string[] }).columns.length).toBe(2);
  });

  it('sets the help text and a visibility condition with completion; the preview follows a sample value', async () => {
    const page = admin.page;
    await page.getByTestId('canvas-item-site_contact').click();
    await page.getByTestId('item-help-zh-CN').fill('现场对接人的姓名和电话');
    await page.getByTestId('item-help-en').fill('Name and phone of the person on site');
    await page.getByTestId('item-help-en').blur();
    await page.getByTestId('form-preview').getByText('现场对接人的姓名和电话').waitFor();

    // Completion of the field name at the cursor, then the rest typed by hand.
    const editor = page.getByTestId('item-visible-when');
    await typeInEditor(editor, 'amou');
    await page.locator('.ant-select-item-option', { hasText: 'amount' }).first().click();
    expect(await editor.locator('textarea').inputValue()).toBe('amount');
    await editor.locator('textarea').press('End');
    await editor.locator('textarea').pressSequentially(' > 1000000');
    await editor.locator('textarea').blur();
    await page.getByTestId('canvas-item-site_contact').getByTestId('item-conditional').waitFor();

    // The empty sample has no amount: hidden; a large amount shows it, a small one hides it again.
    await previewInput(page, 'site_contact').waitFor({ state: 'detached' });
    await previewInput(page, 'amount').fill('2000000');
    await previewInput(page, 'site_contact').waitFor();
    await editor.getByTestId('expression-result').getByText('true').waitFor();
    await screenshot(page, 'designer-forms-preview');
    await previewInput(page, 'amount').fill('500000');
    await previewInput(page, 'site_contact').waitFor({ state: 'detached' });
    await editor.getByTestId('expression-result').getByText('false').waitFor();
  });

  it('completes $ functions and shows a syntax error at its line and column', async () => {
    const page = admin.page;
    const editor = page.getByTestId('item-required-when');
    // Functions complete after "$", with their parenthesis.
    await typeInEditor(editor, '$cou');
    await page.locator('.ant-select-item-option', { hasText: '$count(' }).first().click();
    expect(await editor.locator('textarea').inputValue()).toBe('$count(');
    await typeInEditor(editor, 'amount > > 3');
    const error = editor.getByTestId('expression-error');
    await error.getByText('第 1 行，第 10 列', { exact: false }).waitFor();
    // The caret sits under the second ">".
    expect(await editor.getByTestId('expression-error-marker').textContent()).toBe('amount > > 3\n         ^');
    await screenshot(page, 'designer-forms-expression-error');
    // Cleared before leaving: nothing reaches the draft.
    await typeInEditor(editor, '');
    await editor.locator('textarea').blur();
    await error.waitFor({ state: 'detached' });
  });

  it('saves a draft that passes validation', async () => {
    await admin.page.getByTestId('designer-save-state').getByText('已保存').waitFor();
    const draft = await server.call<{ documents: MetadataDocument[] }>('admin', 'GET', '/api/metadata/draft');
    // What `tessera metadata validate` runs: every schema, then the cross-reference lint.
    const loaded = loadMetadata(draft.documents.map((content) => ({ name: `${content.kind}:${'key' in content ? content.key : content.name}`, content })));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);

    const form = draft.documents.find((d): d is FormDefinition => d.kind === 'form' && d.key === 'opportunity_main')!;
    const technical = form.tabs[0].sections.find((s) => s.key === 'technical')!;
    const placed = technical.items.find((i): i is FieldItem => i.kind === 'field' && i.field === 'site_contact');
    expect(placed).toEqual({
      kind: 'field',
      field: 'site_contact',
      help: { 'zh-CN': '现场对接人的姓名和电话', en: 'Name and phone of the person on site' },
      visibleWhen: { kind: 'expression', expression: 'amount > 1000000', message: expect.any(Object) },
    });
    expect(technical.items.map((i) => (i.kind === 'field' ? i.field : i.kind))).toEqual(['note', 'site_contact', 'tech_requirements', 'documents']);
    expect(admin.errors).toEqual([]);
  });

  it('publishes, and a rep finds the field on the record page when the amount is large and fills it', async () => {
    await server.call('admin', 'POST', '/api/metadata/publish', {});
    rep = await openBrowser();
    const page = rep.page;
    await signIn(page, server.url, 'valve.rep01', PASSWORD);
    const mine = await server.call<{ items: Array<{ id: string; amount: string | number | null }> }>('valve.rep01', 'GET', '/api/objects/opportunity/records?limit=1');
    const record = mine.items[0];
    await page.goto(`${server.url}/o/opportunity/${record.id}`);
    const form = page.getByTestId('record-form');
    await form.locator('#root_amount').waitFor();
    await form.locator('#root_amount').fill('500000');
    await form.locator('#root_site_contact').waitFor({ state: 'detached' });
    await form.locator('#root_amount').fill('1500000');
    await form.locator('#root_site_contact').waitFor();
    await form.getByText('现场对接人的姓名和电话').waitFor();
    await form.locator('#root_site_contact').fill('张工 13800000000');
    await screenshot(page, 'designer-forms-rep-record');
    await form.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-message').getByText('已保存').waitFor();
    const saved = await server.call<Record<string, unknown>>('valve.rep01', 'GET', `/api/objects/opportunity/records/${record.id}`);
    expect(saved).toMatchObject({ site_contact: '张工 13800000000' });
    expect(rep.errors).toEqual([]);
  });
});
