import fc from 'fast-check';
import { autonumberScope, formatAutonumber } from './autonumber.format';

describe('autonumber', () => {
  const at = new Date('2026-03-07T10:00:00Z');

  it.each([
    ['Q-{YYYY}-{seq:6}', 42, 'Q-2026-000042', 'Q-2026-{seq}'],
    ['C{YY}{MM}{DD}-{seq:3}', 7, 'C260307-007', 'C260307-{seq}'],
    ['N-{seq}', 12345, 'N-12345', 'N-{seq}'],
  ])('%s #%d -> %s (scope %s)', (pattern, seq, number, scope) => {
    expect(formatAutonumber(pattern, at, seq)).toBe(number);
    expect(autonumberScope(pattern, at)).toBe(scope);
  });

  it('restarts per year when the pattern has a year, continues otherwise', () => {
    const next = new Date('2027-01-01T00:00:00Z');
    expect(autonumberScope('Q-{YYYY}-{seq:4}', at)).not.toBe(autonumberScope('Q-{YYYY}-{seq:4}', next));
    expect(autonumberScope('Q-{seq:4}', at)).toBe(autonumberScope('Q-{seq:4}', next));
  });

  it('distinct sequence numbers in one scope give distinct numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (a, b) => {
        fc.pre(a !== b);
        expect(formatAutonumber('Q-{YYYY}-{seq:6}', at, a)).not.toBe(formatAutonumber('Q-{YYYY}-{seq:6}', at, b));
      }),
    );
  });
});
