import { applyCompletion, insideQuotes, matchCandidates, tokenAt } from './completion-token';

describe('tokenAt', () => {
  it('finds the field name being typed', () => {
    expect(tokenAt('amount > co', 11)).toEqual({ start: 9, end: 11, prefix: 'co', kind: 'field' });
  });

  it('takes the whole word when the cursor is inside it', () => {
    expect(tokenAt('cost + amount', 9)).toEqual({ start: 7, end: 13, prefix: 'am', kind: 'field' });
  });

  it('includes the $ of a function or variable', () => {
    expect(tokenAt('$su', 3)).toEqual({ start: 0, end: 3, prefix: '$su', kind: 'function' });
    expect(tokenAt('1 + $', 5)).toEqual({ start: 4, end: 5, prefix: '$', kind: 'function' });
  });

  it('stops at operators, dots and brackets', () => {
    expect(tokenAt('lines.qty', 9)?.prefix).toBe('qty');
    expect(tokenAt('$sum(lines[am', 13)?.prefix).toBe('am');
  });

  it('completes a label typed in Chinese', () => {
    expect(tokenAt('金额 > 1', 2)).toEqual({ start: 0, end: 2, prefix: '金额', kind: 'field' });
  });

  it('offers nothing in strings, numbers or empty space', () => {
    expect(tokenAt('stage = "lo', 11)).toBeNull();
    expect(tokenAt('amount > 10', 11)).toBeNull();
    expect(tokenAt('amount > ', 9)).toBeNull();
    expect(tokenAt('', 0)).toBeNull();
  });
});

describe('insideQuotes', () => {
  it('knows escaped quotes and both quote kinds', () => {
    expect(insideQuotes('"a\\"b', 5)).toBe(true);
    expect(insideQuotes('"a" & \'b\' & ', 12)).toBe(false);
    expect(insideQuotes('`my f', 5)).toBe(true);
  });
});

describe('matchCandidates', () => {
  const fields = [
    { insert: 'amount', label: '金额 Amount' },
    { insert: 'account_manager', label: '客户经理' },
    { insert: 'discount', label: 'Discount' },
    { insert: 'name', label: '名称' },
  ];

  it('puts prefix matches first, then matches inside keys and labels', () => {
    const token = tokenAt('am', 2)!;
    expect(matchCandidates(token, fields).map((c) => c.insert)).toEqual(['amount', 'name']);
    expect(matchCandidates(tokenAt('ount', 4)!, fields).map((c) => c.insert)).toEqual(['amount', 'account_manager', 'discount']);
    expect(matchCandidates(tokenAt('金额', 2)!, fields).map((c) => c.insert)).toEqual(['amount']);
  });

  it('does not offer what is already typed in full', () => {
    expect(matchCandidates(tokenAt('name', 4)!, fields)).toEqual([]);
  });
});

describe('applyCompletion', () => {
  it('replaces the word and puts the cursor after it', () => {
    const text = 'cost + am > 1';
    expect(applyCompletion(text, tokenAt(text, 9)!, 'amount')).toEqual({ text: 'cost + amount > 1', cursor: 13 });
  });

  it('does not double the parenthesis of a function call', () => {
    const text = '$su(lines.amount)';
    expect(applyCompletion(text, tokenAt(text, 3)!, '$sum(')).toEqual({ text: '$sum(lines.amount)', cursor: 4 });
    expect(applyCompletion('$co', tokenAt('$co', 3)!, '$count(')).toEqual({ text: '$count(', cursor: 7 });
  });
});
