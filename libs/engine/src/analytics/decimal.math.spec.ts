import fc from 'fast-check';
import { decimalSum, fromScaled, toScaled, weightedScaled } from './decimal.math';
import { ratio, shortening } from './ratio';

describe('decimal math', () => {
  it.each([
    [['0.10', '0.20'], '0.30'],
    [['1234567890123456.78', '0.01'], '1234567890123456.79'],
    [['-5.5', '2'], '-3.50'],
    [[], '0.00'],
    [['100', 7], '107.00'],
  ] as Array<[Array<string | number>, string]>)('sums %j to %s exactly', (values, sum) => expect(decimalSum(values)).toBe(sum));

  it.each([
    ['amount × 70% of 1000.05', '1000.05', 70, '700.04'], // 700.035 rounds half away from zero
    ['amount × 40% of 0.01', '0.01', 40, '0.00'], // 0.004
    ['amount × 50% of 0.01', '0.01', 50, '0.01'], // 0.005 rounds up
    ['a negative amount', '-0.01', 50, '-0.01'],
    ['0%', '999.99', 0, '0.00'],
  ])('%s', (_what, amount, percent, expected) => expect(fromScaled(weightedScaled(amount, percent))).toBe(expected));

  it('refuses what is not a decimal or has too many places', () => {
    expect(() => toScaled('1e5')).toThrow(RangeError);
    expect(() => toScaled('0.1234567')).toThrow(RangeError);
    expect(() => weightedScaled('1', 12.5)).toThrow(RangeError);
  });

  it('sums cents like integer arithmetic does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), { maxLength: 50 }), (cents) => {
        const text = cents.map((c) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`);
        const total = cents.reduce((a, b) => a + b, 0);
        const expected = `${total < 0 ? '-' : ''}${Math.floor(Math.abs(total) / 100)}.${String(Math.abs(total) % 100).padStart(2, '0')}`;
        expect(decimalSum(text)).toBe(expected);
      }),
    );
  });
});

describe('ratio and shortening', () => {
  it.each([
    [3, 4, 0.75],
    [0, 4, 0],
    [3, 0, null],
    [null, 4, null],
    [2, undefined, null],
  ])('ratio(%p, %p) = %p', (part, whole, expected) => expect(ratio(part, whole)).toBe(expected));

  it.each([
    ['the seed: 87 days before, 63 after', 87, 63, (87 - 63) / 87],
    ['longer than before is negative', 10, 15, -0.5],
    ['no old value', null, 63, null],
    ['an old value of zero', 0, 5, null],
    ['no new value', 87, null, null],
  ])('%s', (_what, before, after, expected) => expect(shortening(before, after)).toBe(expected));

  it('matches the seed figure of 27.6%', () => expect(shortening(87, 63)!.toFixed(3)).toBe('0.276'));
});
