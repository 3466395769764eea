import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { loadSamplePack } from '../../test/sample-pack.fixture';
import type { MetadataDocument } from '../metadata.generated';
import { diffJson } from './json.diff';
import { diffMetadata } from './metadata.diff';
import { retireRemoved } from './retire-removed';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The sample pack's documents (manifest excluded), as a published version would hold them. */
function version(): Doc[] {
  return Object.values(loadSamplePack().documents) as Doc[];
}
const byKey = (docs: Doc[], kind: string, key: string) => docs.find((d) => d.kind === kind && d.key === key) as Doc;
const deal = (docs: Doc[]) => byKey(docs, 'object', 'deal');
const field = (docs: Doc[], key: string) => deal(docs).fields.find((f: Doc) => f.key === key);

function diffAfter(mutate: (docs: Doc[]) => void) {
  const before = version();
  const after = version();
  mutate(after);
  return diffMetadata(before as MetadataDocument[], after as MetadataDocument[]);
}

describe('diffMetadata', () => {
  it('finds nothing between equal versions', () => {
    expect(diffAfter(() => undefined)).toEqual({ documents: [], risks: [] });
  });

  it('reports a field inserted in the middle as one addition, not a change to every later field', () => {
    const diff = diffAfter((d) => deal(d).fields.splice(2, 0, { key: 'source', type: 'text', label: { 'zh-CN': '来源', en: 'Source' } }));
    expect(diff.documents).toEqual([{ kind: 'object', name: 'object:deal', status: 'changed', changes: [{ op: 'add', path: '/fields/2', after: expect.objectContaining({ key: 'source' }) }] }]);
    expect(diff.risks).toEqual([]);
  });

  it('reports reordered stages once, with the old and new order', () => {
    const diff = diffAfter((d) => {
      const stages = byKey(d, 'pipeline', 'deal_pipeline').stages;
      [stages[1], stages[2]] = [stages[2], stages[1]];
    });
    expect(diff.documents[0].changes).toEqual([
      { op: 'reorder', path: '/stages', before: ['qualify', 'propose', 'negotiate', 'won', 'lost'], after: ['qualify', 'negotiate', 'propose', 'won', 'lost'] },
    ]);
  });

  it('lists added and removed documents', () => {
    const diff = diffAfter((d) => {
      d.splice(d.indexOf(byKey(d, 'automation', 'account_grade')), 1);
      d.push({ kind: 'role', key: 'viewer', label: { 'zh-CN': '访客', en: 'Viewer' }, permissions: [] });
    });
    expect(diff.documents.map((x) => [x.name, x.status])).toEqual([['role:viewer', 'added'], ['automation:account_grade', 'removed']]);
    expect(diff.risks).toEqual([]);
  });

  const risky: [string, (d: Doc[]) => void, object][] = [
    ['a removed field', (d) => deal(d).fields.splice(4, 1), { change: 'fieldRemoved', field: 'discount', path: '/fields/4', check: { kind: 'empty' }, alternative: 'retire' }],
    ['a removed object', (d) => d.splice(d.indexOf(byKey(d, 'object', 'deal_line')), 1), { change: 'objectRemoved', object: 'deal_line', check: { kind: 'noRows' }, alternative: 'retire' }],
    ['text to number', (d) => Object.assign(field(d, 'title'), { type: 'number' }), { change: 'fieldTypeChanged', field: 'title', check: { kind: 'convertible', to: 'number' } }],
    ['text to select', (d) => Object.assign(field(d, 'title'), { type: 'select', options: [{ value: 'a', label: { 'zh-CN': 'A', en: 'A' } }] }), { change: 'fieldTypeChanged', check: { kind: 'valuesIn', values: ['a'] } }],
    ['a date to a boolean', (d) => (field(d, 'close_date').type = 'boolean'), { change: 'fieldTypeChanged', field: 'close_date', check: { kind: 'empty' } }],
    ['a plain field turned into a formula (its values would be overwritten)', (d) => Object.assign(field(d, 'amount'), { type: 'formula', resultType: 'currency', expression: '1' }), { change: 'fieldTypeChanged', field: 'amount', check: { kind: 'empty' } }],
    ['a user field to a relation', (d) => Object.assign(field(d, 'engineer'), { type: 'relation', target: 'account' }), { change: 'fieldTypeChanged', field: 'engineer', check: { kind: 'empty' } }],
    ['a relation pointed at another object', (d) => (field(d, 'account').target = 'deal_line'), { change: 'relationRetargeted', field: 'account', check: { kind: 'empty' } }],
    ['a removed select option', (d) => field(d, 'region').options.pop(), { change: 'optionsRemoved', field: 'region', check: { kind: 'valuesIn', values: ['east'] }, alternative: 'retire' }],
    [
      'a removed stage (records may sit in it: the stage field loses the option)',
      (d) => {
        byKey(d, 'pipeline', 'deal_pipeline').stages.splice(2, 1);
        field(d, 'sales_stage').options.splice(2, 1);
      },
      { change: 'optionsRemoved', field: 'sales_stage', check: { kind: 'valuesIn', values: ['qualify', 'propose', 'won', 'lost'] }, alternative: 'retire' },
    ],
    ['a field made required', (d) => (field(d, 'close_date').required = true), { change: 'requiredAdded', check: { kind: 'noNulls' } }],
    ['a field made unique', (d) => (field(d, 'title').unique = true), { change: 'uniqueAdded', check: { kind: 'unique' } }],
    ['a max length lowered', (d) => (field(d, 'title').maxLength = 40), { change: 'maxLengthReduced', check: { kind: 'maxLength', max: 40 } }],
    ['currency with fewer decimals', (d) => (field(d, 'amount').precision = 0), { change: 'scaleReduced', check: { kind: 'scale', scale: 0 } }],
    ['percent to currency (scale 2)', (d) => (field(d, 'discount').type = 'currency'), { change: 'scaleReduced', field: 'discount', check: { kind: 'scale', scale: 2 } }],
    ['a minimum raised', (d) => (field(d, 'amount').min = 100), { change: 'rangeNarrowed', check: { kind: 'range', min: 100, max: undefined } }],
  ];

  it.each(risky)('flags %s with the check that makes it safe', (_what, mutate, expected) => {
    expect(diffAfter(mutate).risks).toContainEqual(expect.objectContaining(expected));
  });

  it.each([
    ['a field added', (d: Doc[]) => deal(d).fields.push({ key: 'source', type: 'text', label: { 'zh-CN': '来源', en: 'Source' } })],
    ['text to longtext', (d: Doc[]) => (field(d, 'title').type = 'longtext')],
    ['select to multiselect', (d: Doc[]) => (field(d, 'region').type = 'multiselect')],
    ['an option added', (d: Doc[]) => field(d, 'region').options.push({ value: 'west', label: { 'zh-CN': '西', en: 'West' } })],
    ['an option retired', (d: Doc[]) => (field(d, 'region').options[1].retired = true)],
    ['a field retired', (d: Doc[]) => (field(d, 'discount').retired = true)],
    ['a retired field narrowed', (d: Doc[]) => Object.assign(field(d, 'discount'), { retired: true, max: 10, required: true })],
    ['a requirement dropped', (d: Doc[]) => delete field(d, 'title').required],
    ['a maximum raised', (d: Doc[]) => (field(d, 'discount').max = 200)],
    ['a formula changed', (d: Doc[]) => (field(d, 'net_amount').expression = 'amount')],
    ['a formula frozen into a field of its result type', (d: Doc[]) => {
      const f = field(d, 'net_amount');
      delete f.expression;
      delete f.resultType;
      f.type = 'currency';
    }],
    ['a label changed', (d: Doc[]) => (field(d, 'title').label.en = 'Subject')],
    ['an object retired', (d: Doc[]) => (byKey(d, 'object', 'deal_line').retired = true)],
  ])('lets %s through without a data check', (_what, mutate) => {
    expect(diffAfter(mutate).risks).toEqual([]);
  });
});

describe('retireRemoved (the non-destructive path)', () => {
  const fieldKeys = version()
    .filter((d) => d.kind === 'object')
    .flatMap((o) => o.fields.map((f: Doc) => `${o.key}.${f.key}`));
  const objectKeys = ['account', 'deal', 'deal_line'];

  it('leaves no removal at risk, and keeps every old field, option and object', () => {
    fc.assert(
      fc.property(fc.subarray(fieldKeys), fc.subarray(objectKeys), fc.boolean(), (removedFields, removedObjects, dropOption) => {
        const before = version();
        let after = version();
        for (const fk of removedFields) {
          const [o, f] = fk.split('.');
          const obj = byKey(after, 'object', o);
          obj.fields = obj.fields.filter((x: Doc) => x.key !== f);
        }
        if (dropOption) field(after, 'region')?.options.pop();
        after = after.filter((d) => !(d.kind === 'object' && removedObjects.includes(d.key)));

        const kept = retireRemoved(before as MetadataDocument[], after as MetadataDocument[]) as Doc[];
        const risks = diffMetadata(before as MetadataDocument[], kept as MetadataDocument[]).risks;
        expect(risks.filter((r) => r.alternative === 'retire')).toEqual([]);
        for (const old of before.filter((d) => d.kind === 'object')) {
          const now = byKey(kept, 'object', old.key);
          expect(now).toBeDefined();
          for (const f of old.fields) {
            const nowField = now.fields.find((x: Doc) => x.key === f.key);
            expect(nowField).toBeDefined();
            for (const opt of f.options ?? []) expect(nowField.options.map((x: Doc) => x.value)).toContain(opt.value);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('marks what it keeps as retired and leaves kept things as they were', () => {
    const before = version();
    const after = version();
    deal(after).fields = deal(after).fields.filter((f: Doc) => f.key !== 'discount');
    const kept = retireRemoved(before as MetadataDocument[], after as MetadataDocument[]) as Doc[];
    const keptDeal = deal(kept);
    expect(keptDeal.fields.at(-1)).toEqual({ ...field(before, 'discount'), retired: true });
    expect(keptDeal.fields.slice(0, -1)).toEqual(deal(after).fields);
  });
});

describe('diffJson', () => {
  it('finds no change exactly when the values are deep-equal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(diffJson(a, structuredClone(a))).toEqual([]);
        expect(diffJson(a, b).length === 0).toBe(isDeepStrictEqual(a, b));
      }),
      { numRuns: 300 },
    );
  });
});
