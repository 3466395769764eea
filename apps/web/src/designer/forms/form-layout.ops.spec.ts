import type { FormDefinition, ObjectDefinition } from '@tessera/metadata';
import { addSection, freeKey, insertItem, layoutKeys, moveItem, newForm, placedFields, removeItem, updateItem } from './form-layout.ops';

const label = { 'zh-CN': '表', en: 'Form' };
const field = (f: string) => ({ kind: 'field' as const, field: f });
const form: FormDefinition = {
  kind: 'form',
  key: 'deal_main',
  object: 'deal',
  label,
  tabs: [
    { key: 'main', label, sections: [{ key: 'a', items: [field('name'), field('amount'), field('stage')] }, { key: 'b', items: [field('notes')] }] },
    { key: 'more', label, sections: [{ key: 'c', items: [field('owner_id')] }] },
  ],
};
const keys = (f: FormDefinition, tab: number, section: number) => f.tabs[tab].sections[section].items.map((i) => (i.kind === 'field' ? i.field : i.kind));

describe('form layout edits', () => {
  it('inserts a field at a position', () => {
    const next = insertItem(form, { tab: 0, section: 0, index: 1 }, field('close_date'));
    expect(keys(next, 0, 0)).toEqual(['name', 'close_date', 'amount', 'stage']);
    expect(keys(form, 0, 0)).toEqual(['name', 'amount', 'stage']);
  });

  it('moves an item down within a section (indexes from before the move)', () => {
    expect(keys(moveItem(form, { tab: 0, section: 0, index: 0 }, { tab: 0, section: 0, index: 2 }), 0, 0)).toEqual(['amount', 'name', 'stage']);
    expect(keys(moveItem(form, { tab: 0, section: 0, index: 0 }, { tab: 0, section: 0, index: 3 }), 0, 0)).toEqual(['amount', 'stage', 'name']);
  });

  it('moves an item up within a section', () => {
    expect(keys(moveItem(form, { tab: 0, section: 0, index: 2 }, { tab: 0, section: 0, index: 0 }), 0, 0)).toEqual(['stage', 'name', 'amount']);
  });

  it('returns the same document for a move onto itself', () => {
    expect(moveItem(form, { tab: 0, section: 0, index: 1 }, { tab: 0, section: 0, index: 2 })).toBe(form);
  });

  it('moves an item to another section of another tab', () => {
    const next = moveItem(form, { tab: 0, section: 0, index: 1 }, { tab: 1, section: 0, index: 1 });
    expect(keys(next, 0, 0)).toEqual(['name', 'stage']);
    expect(keys(next, 1, 0)).toEqual(['owner_id', 'amount']);
  });

  it('removes and updates items', () => {
    expect(keys(removeItem(form, { tab: 0, section: 1, index: 0 }), 0, 1)).toEqual([]);
    const next = updateItem(form, { tab: 0, section: 0, index: 1 }, (i) => ({ ...i, help: label }));
    expect(next.tabs[0].sections[0].items[1]).toEqual({ kind: 'field', field: 'amount', help: label });
    expect(next.tabs[1]).toBe(form.tabs[1]);
  });

  it('lists placed fields and layout keys', () => {
    expect([...placedFields(form)]).toEqual(['name', 'amount', 'stage', 'notes', 'owner_id']);
    const withSection = addSection(form, 1, { key: freeKey(layoutKeys(form), 'a'), items: [field('x')] });
    expect(withSection.tabs[1].sections[1].key).toBe('a_2');
  });
});

describe('newForm', () => {
  const object = {
    kind: 'object',
    key: 'deal',
    label,
    fields: [
      { key: 'no', type: 'autonumber', label, required: true },
      { key: 'name', type: 'text', label, required: true },
      { key: 'amount', type: 'currency', label },
    ],
  } as unknown as ObjectDefinition;

  it('starts with the required fields the user must fill', () => {
    const created = newForm(object, 'deal_quick', label, ['create'], label, label);
    expect(created).toMatchObject({ kind: 'form', key: 'deal_quick', object: 'deal', purposes: ['create'] });
    expect(keys(created, 0, 0)).toEqual(['name']);
  });
});
