import type { Field, PipelineDefinition } from '@tessera/metadata';
import { compileFilter, filterKind, ME, readListState, writeListState, type ListState } from './list-state';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const fields: Field[] = [
  { key: 'name', type: 'text', label: l('name') },
  { key: 'amount', type: 'currency', label: l('amount') },
  { key: 'close', type: 'date', label: l('close') },
  { key: 'seen', type: 'datetime', label: l('seen') },
  { key: 'stage', type: 'select', label: l('stage'), options: [{ value: 'a', label: l('a') }, { value: 'b', label: l('b') }] },
  { key: 'vip', type: 'boolean', label: l('vip') },
  { key: 'owner_id', type: 'user', label: l('owner') },
  { key: 'doc', type: 'attachment', label: l('doc') },
];
const pipeline = { stageField: 'stage', stages: [{ key: 'a', label: l('a'), probability: 10, forecastCategory: 'pipeline' }, { key: 'b', label: l('b'), probability: 50, forecastCategory: 'pipeline', timeout: { after: 'P14D' } }] } as unknown as PipelineDefinition;
const base: ListState = { filters: {}, overdue: false, q: '' };
const now = new Date('2026-02-01T00:00:00.000Z');

describe('list filters', () => {
  it('picks an editor per field type', () => {
    expect(fields.map(filterKind)).toEqual(['text', 'range', 'dates', 'dates', 'options', 'boolean', 'users', undefined]);
  });

  it('composes every bar condition, the overdue flag and the drill-down filter with and', () => {
    const drill = { field: 'stage', op: 'in', value: ['a', 'b'] };
    const f = compileFilter(
      {
        ...base,
        filters: { name: { contains: ' pump ' }, amount: { min: 100, max: 500 }, close: { from: '2026-01-01', to: '2026-01-31' }, stage: { in: ['b'] }, vip: { is: false }, owner_id: { in: [ME, 'u2'] }, empty: { in: [] } },
        overdue: true,
        filter: drill,
      },
      fields,
      'u1',
      pipeline,
      now,
    );
    expect(f).toEqual({
      and: [
        { field: 'name', op: 'contains', value: 'pump' },
        { and: [{ field: 'amount', op: 'gte', value: 100 }, { field: 'amount', op: 'lte', value: 500 }] },
        { and: [{ field: 'close', op: 'gte', value: '2026-01-01' }, { field: 'close', op: 'lte', value: '2026-01-31' }] },
        { field: 'stage', op: 'in', value: ['b'] },
        { field: 'vip', op: 'eq', value: false },
        { field: 'owner_id', op: 'in', value: ['u1', 'u2'] },
        { and: [{ field: 'stage', op: 'eq', value: 'b' }, { field: 'stage.entered_at', op: 'lte', value: '2026-01-18T00:00:00.000Z' }] },
        drill,
      ],
    });
  });

  it('a datetime day range runs from the first local midnight to the one after the last day', () => {
    const f = compileFilter({ ...base, filters: { seen: { to: '2026-01-31' } } }, fields, 'u1', undefined, now);
    expect(f).toEqual({ field: 'seen', op: 'lt', value: new Date(2026, 1, 1).toISOString() });
  });

  it('nothing set: no filter', () => {
    expect(compileFilter({ ...base, filters: { amount: {} } }, fields, 'u1', pipeline, now)).toBeUndefined();
  });

  it('round-trips through the URL', () => {
    const state: ListState = { filters: { amount: { min: 5 } }, overdue: true, filter: { field: 'stage', op: 'eq', value: 'a' }, q: 'x', sort: '-amount', columns: ['name', 'amount'], view: 'v1' };
    expect(readListState(writeListState(state))).toEqual(state);
    expect(readListState(new URLSearchParams('f=%7Bbroken&filter=nope'))).toEqual({ ...base, filter: undefined, sort: undefined, columns: undefined, view: undefined, filters: {} });
  });
});
