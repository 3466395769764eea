import { compileExpression, ExpressionCache } from './expression.compile';
import { ExpressionError } from './expression.error';

const src = (expression: string) => ({ document: 'object:quote', path: '/rules/0/expression', expression });

describe('compileExpression', () => {
  it('evaluates over the record with bindings', async () => {
    const e = compileExpression(src('amount > cost * $factor'));
    await expect(e.evaluate({ amount: 120, cost: 100 }, { factor: 1.1 })).resolves.toBe(true);
    await expect(e.evaluate({ amount: 100, cost: 100 }, { factor: 1.1 })).resolves.toBe(false);
  });

  it('reports a parse error with document, path and position', () => {
    try {
      compileExpression(src('amount > > 3'));
      throw new Error('expected a parse error');
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionError);
      const err = e as ExpressionError;
      expect(err.code).toBe('expression.parse');
      expect(err.document).toBe('object:quote');
      expect(err.path).toBe('/rules/0/expression');
      expect(err.position).toBeGreaterThan(0);
      expect(err.message).toContain('object:quote/rules/0/expression');
    }
  });

  it('cuts off a runaway expression by its time limit', async () => {
    const e = compileExpression(src('$count([1..9000000].($string($)))'), { timeout: 50, stack: 200, sequence: 100_000_000 });
    const started = Date.now();
    await expect(e.evaluate({})).rejects.toMatchObject({ code: expect.stringMatching(/expression\.(timeout|evaluate)/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops unbounded recursion by its depth limit', async () => {
    const e = compileExpression(src('($f := function($n) { 1 + $f($n + 1) }; $f(0))'), { timeout: 5000, stack: 50, sequence: 1000 });
    await expect(e.evaluate({})).rejects.toMatchObject({ code: 'expression.depth' });
  });
});

describe('ExpressionCache', () => {
  it('compiles each expression once', () => {
    const cache = new ExpressionCache();
    const a = cache.get(src('a + 1'));
    const b = cache.get(src('a + 1'));
    cache.get(src('a + 2'));
    expect(a).toBe(b);
    expect(cache.size).toBe(2);
  });
});
