import type { PipelineDefinition } from '@tessera/metadata';
import { minusDuration, overdueRecordsFilter } from './overdue.filter';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const pipeline = (stages: PipelineDefinition['stages']): Pick<PipelineDefinition, 'stageField' | 'stages'> => ({ stageField: 'stage', stages });
const stage = (key: string, extra: Partial<PipelineDefinition['stages'][number]> = {}): PipelineDefinition['stages'][number] => ({ key, label: l(key), probability: 10, forecastCategory: 'pipeline', ...extra });

describe('minusDuration', () => {
  const at = new Date('2024-03-31T12:00:00.000Z');
  it.each([
    ['P14D', '2024-03-17T12:00:00.000Z'],
    ['P2W', '2024-03-17T12:00:00.000Z'],
    ['PT48H', '2024-03-29T12:00:00.000Z'],
    ['PT1H30M', '2024-03-31T10:30:00.000Z'],
    ['PT0.5S', '2024-03-31T11:59:59.500Z'],
    ['P1M', '2024-02-29T12:00:00.000Z'],
    ['P1Y1M', '2023-02-28T12:00:00.000Z'],
    ['P1M1D', '2024-02-28T12:00:00.000Z'],
  ])('%s before %s', (d, expected) => {
    expect(minusDuration(at, d)?.toISOString()).toBe(expected);
  });
  it('refuses a malformed duration', () => {
    expect(minusDuration(at, 'P')).toBeUndefined();
    expect(minusDuration(at, '14 days')).toBeUndefined();
  });
});

describe('overdueRecordsFilter', () => {
  const now = new Date('2026-01-20T08:00:00.000Z');

  it('is undefined without a timed open stage', () => {
    expect(overdueRecordsFilter(pipeline([stage('lead'), stage('won', { type: 'won' })]), now)).toBeUndefined();
  });

  it('one timed stage: in the stage and entered at or before now minus its timeout', () => {
    expect(overdueRecordsFilter(pipeline([stage('lead'), stage('solution', { timeout: { after: 'P14D' } })]), now)).toEqual({
      and: [
        { field: 'stage', op: 'eq', value: 'solution' },
        { field: 'stage.entered_at', op: 'lte', value: '2026-01-06T08:00:00.000Z' },
      ],
    });
  });

  it('several timed stages: any of them; terminal stages never count', () => {
    const f = overdueRecordsFilter(
      { stageField: 'phase', stages: [stage('a', { timeout: { after: 'PT48H' } }), stage('b', { timeout: { after: 'P7D' } }), stage('lost', { type: 'lost', timeout: { after: 'P1D' } } as never)] },
      now,
    );
    expect(f).toEqual({
      or: [
        { and: [{ field: 'phase', op: 'eq', value: 'a' }, { field: 'phase.entered_at', op: 'lte', value: '2026-01-18T08:00:00.000Z' }] },
        { and: [{ field: 'phase', op: 'eq', value: 'b' }, { field: 'phase.entered_at', op: 'lte', value: '2026-01-13T08:00:00.000Z' }] },
      ],
    });
  });
});
