import fc from 'fast-check';
import { stageDwell, type StageVisit } from './stage-dwell';

describe('stageDwell', () => {
  const now = new Date('2026-01-10T00:00:00Z');

  it('sums every visit per stage and counts the open one up to now', () => {
    const visits: StageVisit[] = [
      { stage: 'qualify', enteredAt: '2026-01-01T00:00:00Z', exitedAt: '2026-01-02T00:00:00Z' },
      { stage: 'confirm', enteredAt: '2026-01-02T00:00:00Z', exitedAt: '2026-01-05T00:00:00Z' },
      { stage: 'qualify', enteredAt: '2026-01-05T00:00:00Z', exitedAt: '2026-01-06T12:00:00Z' },
      { stage: 'confirm', enteredAt: new Date('2026-01-06T12:00:00Z'), exitedAt: null },
    ];
    const d = stageDwell(visits, now, ['qualify', 'confirm', 'quote']);
    const day = 86_400_000;
    expect(d.current).toEqual({ stage: 'confirm', enteredAt: '2026-01-06T12:00:00.000Z', ms: 3.5 * day });
    expect(d.perStage).toEqual([
      { stage: 'qualify', ms: 2.5 * day, visits: 2 },
      { stage: 'confirm', ms: 6.5 * day, visits: 2 },
      { stage: 'quote', ms: 0, visits: 0 },
    ]);
  });

  it('property: for a contiguous history the totals add up to the time since the first entry', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 10_000_000 })), { minLength: 1, maxLength: 12 }), (steps) => {
        let t = Date.parse('2026-01-01T00:00:00Z');
        const start = t;
        const visits: StageVisit[] = steps.map(([stage, ms], i) => {
          const enteredAt = new Date(t);
          t += ms;
          return { stage, enteredAt, exitedAt: i === steps.length - 1 ? null : new Date(t) };
        });
        const at = new Date(t + 1234);
        const d = stageDwell(visits, at);
        expect(d.perStage.reduce((sum, s) => sum + s.ms, 0)).toBe(at.getTime() - start);
        expect(d.current?.stage).toBe(steps[steps.length - 1][0]);
      }),
    );
  });
});
