import type { FormDefinition, ObjectDefinition } from '@tessera/metadata';
import { formSchemas, pickForm } from './record-form.schema';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const visit: ObjectDefinition = {
  kind: 'object',
  key: 'visit',
  label: l('拜访', 'Visit'),
  fields: [
    { key: 'subject', type: 'text', label: l('主题', 'Subject'), required: true },
    { key: 'kind', type: 'select', label: l('方式', 'Kind'), options: [{ value: 'visit', label: l('上门', 'Visit') }, { value: 'call', label: l('电话', 'Call') }] },
    { key: 'notes', type: 'longtext', label: l('纪要', 'Notes') },
    { key: 'secret', type: 'text', label: l('机密', 'Secret') },
    { key: 'photos', type: 'attachment', label: l('照片', 'Photos') },
  ],
};

const form = (key: string, purposes: FormDefinition['purposes']): FormDefinition => ({
  kind: 'form',
  key,
  object: 'visit',
  label: l(key, key),
  purposes,
  tabs: [
    {
      key: 'main',
      label: l('主', 'Main'),
      sections: [
        {
          key: 's',
          columns: 2,
          items: [
            { kind: 'field', field: 'kind', widget: 'radio', help: l('怎么联系的', 'How'), span: 3 },
            { kind: 'field', field: 'photos', widget: 'photo' },
            { kind: 'field', field: 'secret' },
            { kind: 'note', text: l('提示', 'Hint') },
          ],
        },
      ],
    },
  ],
});

describe('pickForm', () => {
  const forms = [form('edit_one', ['edit']), form('mobile_one', ['mobile']), form('create_one', ['create', 'view'])];
  it.each([
    ['create', false, 'create_one'],
    ['edit', false, 'edit_one'],
    ['create', true, 'mobile_one'],
    ['edit', true, 'mobile_one'],
  ] as const)('%s on a phone=%s uses %s', (mode, phone, key) => expect(pickForm(forms, 'visit', mode, phone)?.key).toBe(key));
  it('falls back to the other purpose, and to nothing for another object', () => {
    expect(pickForm([form('edit_one', ['edit'])], 'visit', 'create', false)?.key).toBe('edit_one');
    expect(pickForm(forms, 'customer', 'create', false)).toBeUndefined();
  });
});

describe('formSchemas with a form', () => {
  const built = formSchemas(visit, 'create', { hidden: ['secret'], readOnly: [], form: form('f', ['create']), language: 'en' });

  it('takes widget and help from the form, in the UI language', () => {
    expect(built.uiSchema.kind).toMatchObject({ 'ui:widget': 'radio', 'ui:description': 'How' });
    expect(built.uiSchema.notes).toMatchObject({ 'ui:widget': 'textarea' });
  });

  it('lays out the items: spans capped by the columns, attachments and notes kept, hidden fields dropped, the rest appended', () => {
    const [section, rest] = built.layout!.tabs[0].sections;
    expect(section.items.map((i) => [i.kind, i.field ?? i.text, i.span, i.attachment ?? false, i.photo ?? false])).toEqual([
      ['field', 'kind', 2, false, false],
      ['field', 'photos', 2, true, true],
      ['note', 'Hint', 2, false, false],
    ]);
    expect(rest.items.map((i) => i.field)).toEqual(['subject', 'notes']);
    expect(built.keys).toEqual(['subject', 'kind', 'notes']);
    expect(built.uiSchema['ui:order']).toEqual(['kind', 'subject', 'notes', '*']);
  });
});
