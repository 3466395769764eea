import fc from 'fast-check';
import { duplicateKey } from './duplicate.key';

describe('duplicateKey', () => {
  const byName = { key: 'name', fields: ['name'], normalize: 'alnum' as const };

  it.each([
    ['上海 阀门-有限公司', '上海阀门有限公司', true],
    ['ACME Valves Ltd.', 'acme valves ltd', true],
    ['ACME Valves', 'ACME Pumps', false],
  ])('alnum: %s vs %s -> same=%s', (a, b, same) => {
    expect(duplicateKey(byName, { name: a }) === duplicateKey(byName, { name: b })).toBe(same);
  });

  it('lowercase trims and lowercases only', () => {
    const rule = { key: 'tax', fields: ['tax_id'], normalize: 'lowercase' as const };
    expect(duplicateKey(rule, { tax_id: ' 91310000ABC ' })).toBe(duplicateKey(rule, { tax_id: '91310000abc' }));
    expect(duplicateKey(rule, { tax_id: '9131-0000' })).not.toBe(duplicateKey(rule, { tax_id: '91310000' }));
  });

  it('an empty field matches nothing', () => {
    const rule = { key: 'pair', fields: ['a', 'b'] };
    expect(duplicateKey(rule, { a: 'x', b: '' })).toBeNull();
    expect(duplicateKey(rule, { a: 'x' })).toBeNull();
  });

  it('is insensitive to case and punctuation but keeps field boundaries', () => {
    const rule = { key: 'pair', fields: ['a', 'b'], normalize: 'alnum' as const };
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(/[\p{L}\p{N}]/u.test(a) && /[\p{L}\p{N}]/u.test(b));
        expect(duplicateKey(rule, { a: a.toUpperCase() + '-', b })).toBe(duplicateKey(rule, { a: a.toLowerCase(), b: ` ${b}` }));
      }),
    );
    expect(duplicateKey(rule, { a: 'ab', b: 'c' })).not.toBe(duplicateKey(rule, { a: 'a', b: 'bc' }));
  });
});
