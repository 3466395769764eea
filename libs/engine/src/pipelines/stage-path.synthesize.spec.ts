import type { PipelineDefinition } from '@tessera/metadata';
import { synthesizeStagePath } from './stage-path.synthesize';

const l = (t: string) => ({ 'zh-CN': t, en: t });
const stage = (key: string, type?: 'won' | 'lost', reasons?: string[]) => ({ key, label: l(key), probability: 10, forecastCategory: 'pipeline' as const, ...(type && { type }), ...(reasons && { reasons: reasons.map((r) => ({ value: r, label: l(r) })) }) });
const pipeline: Pick<PipelineDefinition, 'stages'> = { stages: [stage('lead'), stage('confirm'), stage('quote'), stage('won', 'won', ['price']), stage('lost', 'lost', ['competitor', 'budget'])] };
const created = new Date('2026-01-01T00:00:00Z');
const until = new Date('2026-03-01T00:00:00Z');
/** A fixed sequence, so each expectation can be computed by hand. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe('synthesizeStagePath', () => {
  it('walks the open stages up to an open current stage, times in order between created and until', () => {
    const path = synthesizeStagePath(pipeline, 'quote', created, until, sequence(0.5, 0.25));
    expect(path.map((s) => [s.stage, s.from, s.move])).toEqual([['lead', null, 'create'], ['confirm', 'lead', 'next'], ['quote', 'confirm', 'next']]);
    const span = until.getTime() - created.getTime();
    expect(path.map((s) => s.enteredAt.getTime())).toEqual([created.getTime(), created.getTime() + span * 0.25, created.getTime() + span * 0.5]);
    expect(path.map((s) => s.exitedAt?.getTime() ?? null)).toEqual([path[1].enteredAt.getTime(), path[2].enteredAt.getTime(), null]);
    expect(path.every((s) => s.reason === null)).toBe(true);
  });

  it('a won record went through every open stage and was won with a reason', () => {
    const path = synthesizeStagePath(pipeline, 'won', created, until, sequence(0.1, 0.2, 0.3, 0.9));
    expect(path.map((s) => [s.stage, s.move])).toEqual([['lead', 'create'], ['confirm', 'next'], ['quote', 'next'], ['won', 'won']]);
    expect(path[3]).toMatchObject({ reason: 'price', exitedAt: null });
  });

  it('a lost record is lost from an open stage picked at random, with one of the lost reasons', () => {
    // 0.4 of three open stages picks the second; the entry time; then 0.6 of two reasons picks the second.
    const path = synthesizeStagePath(pipeline, 'lost', created, until, sequence(0.4, 0.5, 0.5, 0.6));
    expect(path.map((s) => [s.stage, s.from, s.move])).toEqual([['lead', null, 'create'], ['confirm', 'lead', 'next'], ['lost', 'confirm', 'lost']]);
    expect(path[2].reason).toBe('budget');
  });

  it('gives no history for a stage the pipeline does not have, and one stay for the first stage', () => {
    expect(synthesizeStagePath(pipeline, 'nowhere', created, until, Math.random)).toEqual([]);
    expect(synthesizeStagePath(pipeline, 'lead', created, until, Math.random)).toEqual([{ stage: 'lead', from: null, move: 'create', enteredAt: created, exitedAt: null, reason: null }]);
  });
});
