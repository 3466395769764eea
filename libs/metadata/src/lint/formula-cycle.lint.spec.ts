import type { ObjectDefinition } from '../metadata.generated';
import { loadMetadata } from '../validation/metadata.load';

const l = { 'zh-CN': 'x', en: 'x' };
const object = (formulas: Array<[string, string]>): ObjectDefinition => ({
  kind: 'object',
  key: 'quote',
  label: l,
  fields: [
    { key: 'amount', type: 'number', label: l },
    ...formulas.map(([key, expression]) => ({ key, type: 'formula' as const, label: l, resultType: 'number' as const, expression })),
  ],
});

describe('formula cycle lint', () => {
  it('accepts formulas that read formulas in a chain', () => {
    const r = loadMetadata([{ name: 'quote.json', content: object([['a', 'amount * 2'], ['b', 'a + 1'], ['c', 'a + b']]) }]);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['a self reference', [['a', 'a + 1']], 'a -> a'],
    ['a two-step loop', [['a', 'b + 1'], ['b', 'a * 2']], 'a -> b -> a'],
    ['a loop behind a chain', [['a', 'amount'], ['b', 'a + d'], ['c', 'b'], ['d', 'c']], 'b -> d -> c -> b'],
  ])('reports %s with its path and the loop', (_name, formulas, loop) => {
    const r = loadMetadata([{ name: 'quote.json', content: object(formulas as Array<[string, string]>) }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const cycle = r.errors.filter((e) => e.code === 'formula.cycle');
    expect(cycle).toHaveLength(1);
    expect(cycle[0]).toMatchObject({ document: 'quote.json', path: expect.stringMatching(/^\/fields\/\d+\/expression$/) });
    expect(cycle[0].message).toContain(loop);
  });

  it('loadMetadata returns every schema and lint error with document and pointer', () => {
    const r = loadMetadata([
      { name: 'bad.json', content: { kind: 'object', key: 'Bad Key', label: l, fields: [] } },
      { name: 'quote.json', content: object([['a', 'amount +']]) },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ document: 'bad.json', path: '/key' }),
      expect.objectContaining({ document: 'quote.json', path: '/fields/1/expression', code: 'expression.syntax' }),
    ]));
  });
});
