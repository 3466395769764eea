import { ExpressionCache } from '../expressions/expression.compile';
import { quoteObject } from '../../test/quote.fixture';
import { compileObject } from './object.compile';
import { parseListQuery } from './list-query.parse';

const compiled = compileObject(quoteObject, new ExpressionCache());
const uuid = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('parseListQuery', () => {
  it('parses nested and/or filters, sort, fields, search and limit', () => {
    const r = parseListQuery(compiled, {
      filter: JSON.stringify({ and: [{ field: 'amount', op: 'between', value: [10, 20] }, { or: [{ field: 'status', op: 'eq', value: 'sent' }, { field: 'tags', op: 'contains', value: 'urgent' }] }] }),
      sort: '-amount,title',
      fields: 'title,amount',
      q: '  pump ',
      limit: '20',
      expand: 'customer',
    });
    expect(r.errors).toEqual([]);
    expect(r.query).toEqual({
      filter: { and: [{ field: 'amount', op: 'between', value: [10, 20] }, { or: [{ field: 'status', op: 'eq', value: 'sent' }, { field: 'tags', op: 'contains', value: 'urgent' }] }] },
      sort: [{ field: 'amount', direction: 'desc' }, { field: 'title', direction: 'asc' }],
      fields: ['title', 'amount'],
      search: 'pump',
      limit: 20,
      cursor: undefined,
      expand: ['customer'],
    });
  });

  it('defaults to newest first and 50 rows', () => {
    const r = parseListQuery(compiled, {});
    expect(r.query).toMatchObject({ sort: [{ field: 'created_at', direction: 'desc' }], limit: 50 });
  });

  it.each([
    [{ filter: '{bad json' }, '/filter', 'filter.invalid'],
    [{ filter: { field: 'nope', op: 'eq', value: 1 } }, '/filter/field', 'filter.unknown_field'],
    [{ filter: { field: 'old_note', op: 'eq', value: 'x' } }, '/filter/field', 'filter.unknown_field'],
    [{ filter: { field: 'amount', op: 'contains', value: '1' } }, '/filter/op', 'filter.bad_operator'],
    [{ filter: { field: 'amount', op: 'gt', value: '1; drop table x' } }, '/filter/value', 'filter.bad_value'],
    [{ filter: { field: 'customer', op: 'eq', value: "x' or '1'='1" } }, '/filter/value', 'filter.bad_value'],
    [{ filter: { field: 'amount', op: 'between', value: [1] } }, '/filter/value', 'filter.bad_value'],
    [{ filter: { field: 'status', op: 'in', value: [] } }, '/filter/value', 'filter.bad_value'],
    [{ filter: { or: [] } }, '/filter/or', 'filter.invalid'],
    [{ filter: { and: [{ field: 'x', op: 'eq', value: 1 }] } }, '/filter/and/0/field', 'filter.unknown_field'],
    [{ sort: 'tags' }, '/sort', 'sort.unknown_field'],
    [{ fields: 'title,zzz' }, '/fields', 'fields.unknown_field'],
    [{ expand: 'title' }, '/expand', 'expand.not_relation'],
    [{ limit: '0' }, '/limit', 'limit.invalid'],
    [{ limit: '501' }, '/limit', 'limit.invalid'],
  ])('rejects %j at %s', (raw, path, code) => {
    const r = parseListQuery(compiled, raw);
    expect(r.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('accepts system fields and values with quotes as plain data', () => {
    const r = parseListQuery(compiled, { filter: { and: [{ field: 'owner_id', op: 'eq', value: uuid }, { field: 'title', op: 'eq', value: "O'Brien\"; drop" }] } });
    expect(r.errors).toEqual([]);
  });

  it('hides fields the caller may not see', () => {
    const r = parseListQuery(compiled, { filter: { field: 'cost', op: 'gt', value: 1 }, sort: 'cost' }, (k) => k !== 'cost');
    expect(r.errors.map((e) => e.path)).toEqual(['/filter/field', '/sort']);
  });

  it('caps the size of a filter', () => {
    const many = { or: Array.from({ length: 150 }, () => ({ field: 'amount', op: 'eq', value: 1 })) };
    expect(parseListQuery(compiled, { filter: many }).errors).toContainEqual(expect.objectContaining({ code: 'filter.too_large' }));
  });

  it('filters on derived facts (stage history) but never sorts, selects or expands them', () => {
    const derived = [
      { key: 'status.entered_at', type: 'datetime' as const, label: { 'zh-CN': '进入', en: 'Entered' } },
      { key: 'status.from', type: 'select' as const, label: { 'zh-CN': '来自', en: 'From' }, options: [{ value: 'draft', label: { 'zh-CN': '草稿', en: 'Draft' } }] },
    ];
    const ok = parseListQuery(compiled, { filter: { and: [{ field: 'status.entered_at', op: 'lte', value: '2026-03-01T00:00:00Z' }, { field: 'status.from', op: 'in', value: ['draft'] }] } }, () => true, derived);
    expect(ok.errors).toEqual([]);
    const bad = parseListQuery(compiled, { filter: { field: 'status.from', op: 'gt', value: 'draft' }, sort: 'status.entered_at', fields: 'status.from' }, () => true, derived);
    expect(bad.errors.map((e) => [e.path, e.code])).toEqual([['/filter/op', 'filter.bad_operator'], ['/sort', 'sort.unknown_field'], ['/fields', 'fields.unknown_field']]);
    expect(parseListQuery(compiled, { filter: { field: 'status.from', op: 'eq', value: 'draft' } }).errors[0].code).toBe('filter.unknown_field');
    expect(parseListQuery(compiled, { filter: { field: 'status.from', op: 'eq', value: 'draft' } }, (k) => k !== 'status.from', derived).errors[0].code).toBe('filter.unknown_field');
  });
});
