import { checkExpression, evaluateOnSample } from './expression-check';

describe('checkExpression', () => {
  it('locates a parse error on its line and column', () => {
    const check = checkExpression('amount >\n  > 3');
    expect(check).toMatchObject({ ok: false, offset: 11, line: 2, column: 3 });
    if (!check.ok) expect(check.message).toBe('The symbol ">" cannot be used as a unary operator');
  });

  it('compiles a valid expression', () => {
    expect(checkExpression('amount > 100').ok).toBe(true);
  });
});

describe('evaluateOnSample', () => {
  const compiled = (text: string) => {
    const check = checkExpression(text);
    if (!check.ok) throw new Error(check.message);
    return check.compiled;
  };

  it('evaluates over the sample record, empty fields absent', async () => {
    await expect(evaluateOnSample(compiled('amount > 100'), { amount: 150 })).resolves.toEqual({ ok: true, value: true });
    await expect(evaluateOnSample(compiled('$exists(cost)'), { cost: null })).resolves.toEqual({ ok: true, value: false });
  });

  it('reports a runtime error', async () => {
    const result = await evaluateOnSample(compiled('$nope(1)'), {});
    expect(result).toMatchObject({ ok: false, code: 'expression.evaluate', message: 'Attempted to invoke a non-function' });
  });

  it('stops at the server limits', async () => {
    const result = await evaluateOnSample(compiled('($f := function($n) { 1 + $f($n + 1) }; $f(0))'), {});
    expect(result).toMatchObject({ ok: false, code: 'expression.depth' });
  });
});
