import { validateDocument, type ObjectDefinition } from '@tessera/metadata';
import { FIELD_TYPE_KEYS, newField, typeProperties } from './field.schema';
import { freeKey, keyProblem } from './field-key';
import { insertItem, moveItem } from '../list.move';
import { newObject, renameField } from './object.edit';

const customer: ObjectDefinition = {
  kind: 'object',
  key: 'customer',
  label: { 'zh-CN': '客户', en: 'Customer' },
  fields: [{ key: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' } }],
};
const order: ObjectDefinition = {
  kind: 'object',
  key: 'order',
  label: { 'zh-CN': '订单', en: 'Order' },
  fields: [
    { key: 'customer', type: 'relation', target: 'customer', label: { 'zh-CN': '客户', en: 'Customer' } },
    { key: 'total', type: 'currency', label: { 'zh-CN': '金额', en: 'Total' } },
  ],
};

describe('field keys', () => {
  it.each([
    ['', 'empty'],
    ['my field', 'pattern'],
    ['Name', 'pattern'],
    ['1st', 'pattern'],
    ['owner_id', 'reserved'],
    ['name', 'taken'],
    ['budget_2', undefined],
  ])('%j is %s', (key, problem) => {
    expect(keyProblem(key, ['name'], { field: true })).toBe(problem);
  });

  it('takes the next free key', () => {
    expect(freeKey('new_text', ['new_text', 'new_text_2'])).toBe('new_text_3');
    expect(freeKey('new_text', [])).toBe('new_text');
  });
});

describe('field types from the schema', () => {
  it('lists every type of the engine registry', () => {
    expect(FIELD_TYPE_KEYS).toEqual(expect.arrayContaining(['text', 'select', 'relation', 'formula', 'rollup', 'attachment', 'geopoint']));
  });

  it('reads the type-specific properties and their requirements', () => {
    expect(Object.keys(typeProperties('text').properties).sort()).toEqual(['maxLength', 'minLength', 'pattern']);
    expect(typeProperties('select').required).toEqual(['options']);
    expect(typeProperties('rollup').required).toEqual(['object', 'via', 'aggregate']);
  });

  it.each(FIELD_TYPE_KEYS)('makes a new %s field the object schema accepts', (type) => {
    const field = newField(type, customer, [customer, order], { 'zh-CN': '新字段', en: 'New field' });
    const result = validateDocument({ ...customer, fields: [...customer.fields, field] });
    expect(result.issues).toEqual([]);
    expect(field.key).toBe(`new_${type}`);
  });

  it('rolls up a child object whose relation points here', () => {
    expect(newField('rollup', customer, [customer, order], { 'zh-CN': 'x', en: 'x' })).toMatchObject({ object: 'order', via: 'customer', aggregate: 'count' });
  });
});

describe('moving items', () => {
  it('moves an item down and up', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });

  it('inserts at a place or at the end', () => {
    expect(insertItem(['a', 'b'], 1, 'x')).toEqual(['a', 'x', 'b']);
    expect(insertItem(['a', 'b'], 9, 'x')).toEqual(['a', 'b', 'x']);
  });
});

describe('object edits', () => {
  it('renames a field with the references inside its object', () => {
    const renamed = renameField(
      { ...customer, titleField: 'name', duplicateRules: [{ key: 'd', fields: ['name'] }], rules: [{ key: 'r', expression: 'true', message: { 'zh-CN': 'x', en: 'x' }, severity: 'error', field: 'name' }] },
      'name',
      'full_name',
    );
    expect(renamed.fields[0].key).toBe('full_name');
    expect(renamed.titleField).toBe('full_name');
    expect(renamed.duplicateRules?.[0].fields).toEqual(['full_name']);
    expect(renamed.rules?.[0].field).toBe('full_name');
  });

  it('creates an object the schema accepts', () => {
    expect(validateDocument(newObject('supplier', { 'zh-CN': '供应商', en: 'Supplier' })).issues).toEqual([]);
  });
});
