import fc from 'fast-check';
import type { CompareOperator } from '@tessera/metadata';
import { compareValue, compareValues, type ValueOrder } from './value.compare';

describe('compareValue', () => {
  it.each<[CompareOperator, unknown, unknown, ValueOrder, boolean]>([
    ['eq', 5, 5, 'number', true],
    ['eq', 100000, '100000.00', 'number', true],
    ['gte', 99999.99, '100000.00', 'number', false],
    ['gt', '12345678901234567890.0000000002', '12345678901234567890.0000000001', 'number', true],
    ['lt', -2, '-1.5', 'number', true],
    ['lt', '-0.0', '0', 'number', false],
    ['gt', 1e21, '999999999999999999999', 'number', true],
    ['eq', '0101', '101', 'text', false],
    ['lt', '2026-03-01', '2026-12-01', 'instant', true],
    ['lt', '2026-03-01', '2026-03-01T08:00:00Z', 'instant', true],
    ['gte', '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00Z', 'instant', true],
    ['eq', true, true, 'auto', true],
    ['eq', true, 'true', 'auto', false],
    ['ne', null, 'east', 'text', true],
    ['ne', 'east', 'east', 'text', false],
    ['eq', null, 'east', 'text', false],
    ['lt', null, 5, 'number', false],
    ['gte', undefined, 0, 'number', false],
    ['in', 'east', ['east', 'west'], 'text', true],
    ['in', ['key', 'x'], ['key'], 'text', true],
    ['in', [], ['key'], 'text', false],
    ['nin', 'north', ['east', 'west'], 'text', true],
    ['nin', null, ['east'], 'text', true],
    ['nin', ['east'], ['east'], 'text', false],
    ['contains', 'Valve Line', 'valve', 'text', true],
    ['contains', ['key', 'export'], 'export', 'text', true],
    ['contains', ['key'], 'export', 'text', false],
    ['isEmpty', '', undefined, 'text', true],
    ['isEmpty', [], undefined, 'text', true],
    ['isEmpty', 0, undefined, 'number', false],
    ['notEmpty', false, undefined, 'auto', true],
    ['gt', 'abc', 5, 'number', false],
  ])('%s %j %j (%s) is %s', (op, actual, expected, order, result) => {
    expect(compareValue(op, actual, expected, order)).toBe(result);
  });
});

describe('compareValues (property)', () => {
  const decimal = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.nat({ max: 9999 })).map(([neg, i, f]) => `${neg ? '-' : ''}${i}.${String(f).padStart(4, '0')}`);

  it('is antisymmetric on decimals and agrees with BigInt arithmetic', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const scaled = (s: string) => BigInt(s.replace('.', ''));
        const expected = scaled(a) < scaled(b) ? -1 : scaled(a) > scaled(b) ? 1 : 0;
        expect(compareValues(a, b, 'number')).toBe(expected);
        expect(compareValues(b, a, 'number')).toBe(-expected || 0);
      }),
    );
  });

  it('numbers and their decimal text compare equal, and order like numbers', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (a, b) => {
        expect(compareValues(a, String(a), 'number')).toBe(0);
        const expected = a < b ? -1 : a > b ? 1 : 0;
        expect(compareValues(String(a), b, 'number')).toBe(expected);
      }),
    );
  });
});
