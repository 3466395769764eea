import fc from 'fast-check';
import { leastOpenPick } from './least-open.pick';
import { mappedTarget } from './mapped.pick';
import { roundRobinPick } from './round-robin.pick';

describe('roundRobinPick', () => {
  it('spreads n·k consecutive assignments exactly k to each of n candidates, whatever the start', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 6 }), fc.nat(1000), (pool, k, start) => {
        const counts = new Map<string, number>();
        for (let i = 0; i < pool.length * k; i++) {
          const pick = roundRobinPick(pool, start + i)!;
          counts.set(pick, (counts.get(pick) ?? 0) + 1);
        }
        expect(counts.size).toBe(pool.length);
        for (const c of counts.values()) expect(c).toBe(k);
      }),
    );
  });

  it('does not depend on the order the candidates are listed in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 6 }), fc.nat(100), (pool, position) => {
        expect(roundRobinPick([...pool].reverse(), position)).toBe(roundRobinPick(pool, position));
      }),
    );
  });

  it('has nobody to pick from an empty pool', () => {
    expect(roundRobinPick([], 3)).toBeUndefined();
  });
});

describe('leastOpenPick', () => {
  it.each<[string, string[], Record<string, number>, string | undefined]>([
    ['the one with the fewest open records', ['a', 'b', 'c'], { a: 3, b: 1, c: 2 }, 'b'],
    ['someone without any record counts 0', ['a', 'b'], { a: 2 }, 'b'],
    ['ties go to the smallest id', ['c', 'b', 'a'], { a: 1, b: 1, c: 1 }, 'a'],
    ['nobody from nobody', [], {}, undefined],
  ])('%s', (_name, pool, counts, expected) => {
    expect(leastOpenPick(pool, counts)).toBe(expected);
  });

  it('never picks someone with more open records than another candidate', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.nat(50), { minKeys: 1 }), (counts) => {
        const pick = leastOpenPick(Object.keys(counts), counts)!;
        expect(Object.values(counts).every((n) => counts[pick] <= n)).toBe(true);
      }),
    );
  });
});

describe('mappedTarget', () => {
  const map = [
    { value: 'east', unit: 'east_office' },
    { value: 'south', user: 'rep_south' },
    { value: 100, user: 'big_account_rep' },
  ];
  it.each<[string, unknown, string | undefined, ReturnType<typeof mappedTarget>]>([
    ['a value mapped to a unit', 'east', undefined, { unit: 'east_office' }],
    ['a value mapped to a user', 'south', undefined, { user: 'rep_south' }],
    ['numbers compare as numbers', '100.00', undefined, { user: 'big_account_rep' }],
    ['an unmapped value goes to otherwise', 'west', 'dispatcher', { user: 'dispatcher' }],
    ['an unmapped value without otherwise goes nowhere', 'west', undefined, undefined],
    ['an empty value goes to otherwise', null, 'dispatcher', { user: 'dispatcher' }],
    ['a multiselect value maps by any of its values', ['north', 'south'], undefined, { user: 'rep_south' }],
  ])('%s', (_name, value, otherwise, expected) => {
    expect(mappedTarget(map, value, otherwise)).toEqual(expected);
  });
});
