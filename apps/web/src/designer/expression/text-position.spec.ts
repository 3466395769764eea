import { errorOffset, lineColumn } from './text-position';

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('amount', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('a >\n  > 3', 6)).toEqual({ line: 2, column: 3 });
    expect(lineColumn('a\n', 2)).toEqual({ line: 2, column: 1 });
  });

  it('clamps offsets outside the text', () => {
    expect(lineColumn('ab', 99)).toEqual({ line: 1, column: 3 });
    expect(lineColumn('ab', -1)).toEqual({ line: 1, column: 1 });
  });
});

describe('errorOffset', () => {
  it('marks the last character of the token JSONata reports', () => {
    // "amount > > 3": JSONata reports position 10, just after the second ">" at offset 9.
    expect(errorOffset('amount > > 3', 10)).toBe(9);
  });

  it('marks the last character for an unexpected end', () => {
    expect(errorOffset('amount >', 8)).toBe(7);
  });

  it('falls back to the start without a position', () => {
    expect(errorOffset('x', undefined)).toBe(0);
    expect(errorOffset('', 3)).toBe(0);
  });
});
