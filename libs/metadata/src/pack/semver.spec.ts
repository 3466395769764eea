import fc from 'fast-check';
import { compareSemver, parseSemver, satisfiesRange } from './semver';

describe('semver ranges of pack.requires', () => {
  it.each([
    ['0.1.0', '^0.1.0', true],
    ['0.1.9', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.2', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['1.2.9', '~1.2', true],
    ['1.3.0', '~1.2', false],
    ['1.9.9', '1.x', true],
    ['2.0.0', '1.x', false],
    ['1.5.0', '>=1.0.0 <2.0.0', true],
    ['2.0.0', '>=1.0.0 <2.0.0', false],
    ['3.1.4', '*', true],
    ['1.0.0-beta.1', '>=1.0.0', false],
    ['1.0.0', '=1.0.0', true],
    ['1.0.1', '1.0.0', false],
    ['not-a-version', '*', false],
  ])('%s satisfies %s: %s', (version, range, expected) => {
    expect(satisfiesRange(version, range)).toBe(expected);
  });

  it('orders prereleases below their release, numerically by parts', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.2', '1.0.0-alpha.10', '1.0.0-beta', '1.0.0', '1.0.1', '1.1.0', '2.0.0'];
    for (let i = 1; i < ordered.length; i++) expect(compareSemver(ordered[i - 1], ordered[i])).toBe(-1);
    expect(parseSemver('01.0.0')).toBeUndefined();
  });

  it('is antisymmetric and reflexive over any versions', () => {
    const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`);
    fc.assert(
      fc.property(version, version, (a, b) => compareSemver(a, b) === -compareSemver(b, a) && compareSemver(a, a) === 0),
    );
  });

  it('^x.y.z holds exactly from x.y.z up to the next breaking version', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5), (a, b, c, x, y, z) => {
        const base = `${a}.${b}.${c}`;
        const v = `${x}.${y}.${z}`;
        const upper = a > 0 ? `${a + 1}.0.0` : b > 0 ? `0.${b + 1}.0` : `0.0.${c + 1}`;
        return satisfiesRange(v, `^${base}`) === (compareSemver(v, base) >= 0 && compareSemver(v, upper) < 0);
      }),
    );
  });
});
