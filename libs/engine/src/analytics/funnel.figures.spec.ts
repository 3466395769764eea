import fc from 'fast-check';
import { countMatching, pipeline, type TestRecord } from '../../test/analytics.fixture';
import { funnelFigures, type StageCountRow } from './funnel.figures';
import { heatmapFigures, type DimensionStageRow } from './heatmap.figures';
import { stageReach } from './stage-reach';

const row = (stage: string | null, count: number, amount = '0', fromStage: string | null = null): StageCountRow => ({ stage, fromStage, count, amount });

describe('stageReach', () => {
  it.each([
    ['an open stage is its position', 'quote', null, 3],
    ['won is past every open stage', 'won', null, 5],
    ['lost counts where it was lost from', 'lost', 'qualify', 2],
    ['lost from a stage the pipeline no longer has', 'lost', 'survey', 0],
    ['no stage at all', null, null, 0],
  ])('%s', (_what, stage, from, reach) => expect(stageReach(pipeline, stage, from)).toBe(reach));
});

describe('funnelFigures', () => {
  // lead 4, qualify 3, quote 2, commit 0, won 5, lost 6 (2 from lead, 3 from quote, 1 from commit)
  const rows = [row('lead', 4, '400.10'), row('qualify', 3, '300'), row('quote', 2, '200.45'), row('won', 5, '5000'), row('lost', 2, '20', 'lead'), row('lost', 3, '30', 'quote'), row('lost', 1, '10', 'commit')];
  const f = funnelFigures(pipeline, rows, undefined, true);
  const stage = (key: string) => f.stages.find((s) => s.stage === key)!;

  it.each([
    // stage, count, amount, reached, to next, to won
    ['lead', 4, '400.10', 4 + 3 + 2 + 5 + 6, 14 / 20, 5 / 20],
    ['qualify', 3, '300.00', 3 + 2 + 5 + 4, 11 / 14, 5 / 14],
    ['quote', 2, '200.45', 2 + 5 + 3 + 1, 6 / 11, 5 / 11],
    ['commit', 0, '0.00', 5 + 1, 5 / 6, 5 / 6],
  ])('%s: %i now (%s), %i reached, conversion to next and to won', (key, count, amount, reached, next, won) => {
    const s = stage(key as string);
    expect([s.count, s.amount, s.reached?.count]).toEqual([count, amount, reached]);
    expect(s.conversionToNext).toBeCloseTo(next as number, 10);
    expect(s.conversionToWon).toBeCloseTo(won as number, 10);
  });

  it('totals the open, won, lost and every record, and the overall conversion', () => {
    expect(f.totals.open).toMatchObject({ count: 9, amount: '900.55' });
    expect(f.totals.won).toMatchObject({ count: 5, amount: '5000.00' });
    expect(f.totals.lost).toMatchObject({ count: 6, amount: '60.00' });
    expect(f.totals.records.count).toBe(20);
    expect(f.totals.conversionToWon).toBeCloseTo(5 / 20, 10);
    expect(stage('lost').reached).toBeNull();
    expect(stage('won').conversionToWon).toBeNull();
  });

  it('gives null rates, never a division by zero, when nothing reached a stage', () => {
    const empty = funnelFigures(pipeline, [], undefined, true);
    expect(empty.stages.map((s) => [s.count, s.reached?.count ?? null, s.conversionToNext, s.conversionToWon])).toEqual([
      [0, 0, null, null],
      [0, 0, null, null],
      [0, 0, null, null],
      [0, 0, null, null],
      [0, 0, null, null],
      [0, null, null, null],
    ]);
    expect(empty.totals.conversionToWon).toBeNull();
    const onlyLate = funnelFigures(pipeline, [row('commit', 2)], undefined, true);
    expect(onlyLate.stages[3].conversionToNext).toBe(0);
  });

  it('leaves amounts out when the query has none (a hidden amount field)', () => {
    const noAmount = funnelFigures(pipeline, rows.map((r) => ({ ...r, amount: null })), undefined, false);
    expect(noAmount.stages.every((s) => s.amount === null) && noAmount.totals.open.amount === null).toBe(true);
  });
});

/** Random records of the test pipeline, with where each lost one was lost from. */
const records = fc.array(
  fc.record({
    stage: fc.constantFrom<string | null>('lead', 'qualify', 'quote', 'commit', 'won', 'lost', null),
    from: fc.constantFrom<string | null>('lead', 'qualify', 'quote', 'commit', 'survey', null),
    owner_id: fc.constantFrom('a', 'b', null),
  }),
  { maxLength: 60 },
).map((rs) => rs.map((r, i): TestRecord => ({ id: `r${i}`, stage: r.stage, from: r.stage === 'lost' ? r.from : null, owner_id: r.owner_id })));

const group = (rs: readonly TestRecord[], by?: string) => {
  const m = new Map<string, DimensionStageRow>();
  for (const r of rs) {
    const value = by ? ((r[by] as string | null) ?? null) : null;
    const k = JSON.stringify([value, r.stage, r.from]);
    const g = m.get(k) ?? { value, stage: r.stage as string | null, fromStage: r.from as string | null, count: 0, amount: '0' };
    g.count += 1;
    m.set(k, g);
  }
  return [...m.values()];
};

describe('drill-down filters select exactly the records counted (property)', () => {
  it('funnel: every stage count, reached count and total', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const f = funnelFigures(pipeline, group(rs), undefined, false);
        for (const s of f.stages) {
          expect(countMatching(rs, s.filter)).toBe(s.count);
          if (s.reached) expect(countMatching(rs, s.reached.filter)).toBe(s.reached.count);
        }
        for (const t of [f.totals.records, f.totals.open, f.totals.won, f.totals.lost, f.totals.unstaged]) expect(countMatching(rs, t.filter)).toBe(t.count);
        // reached never grows along the stages
        const reached = f.stages.filter((s) => s.type === 'open').map((s) => s.reached!.count);
        reached.slice(1).forEach((n, i) => expect(n).toBeLessThanOrEqual(reached[i]));
      }),
    );
  });

  it('heatmap: every cell, with a null dimension value as its own column', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const values = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: null, label: null }];
        const h = heatmapFigures(pipeline, 'owner_id', group(rs, 'owner_id'), values, undefined);
        expect(h.cells).toHaveLength(4 * 3);
        for (const c of [...h.cells, ...h.totals]) {
          expect(countMatching(rs, c.reached.filter)).toBe(c.reached.count);
          expect(countMatching(rs, c.lost.filter)).toBe(c.lost.count);
          expect(c.lossRate).toBe(c.reached.count === 0 ? null : c.lost.count / c.reached.count);
        }
      }),
    );
  });
});
