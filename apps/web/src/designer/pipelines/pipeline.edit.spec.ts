import type { ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { checkMetadata } from '@tessera/metadata';
import { addStage, newPipeline, removeStage, reorderStages, updateStage } from './pipeline.edit';

const l = (t: string) => ({ 'zh-CN': t, en: t });
const object: ObjectDefinition = {
  kind: 'object',
  key: 'deal',
  label: l('Deal'),
  fields: [
    { key: 'title', type: 'text', label: l('Title') },
    { key: 'stage', type: 'select', label: l('Stage'), options: [{ value: 'a', label: l('A'), color: '#ff0000' }, { value: 'b', label: l('B') }, { value: 'old', label: l('Old'), retired: true }, { value: 'won', label: l('Won') }] },
  ],
};
const pipeline: PipelineDefinition = {
  kind: 'pipeline',
  key: 'p',
  object: 'deal',
  stageField: 'stage',
  label: l('P'),
  stages: [
    { key: 'a', label: l('A'), probability: 10, forecastCategory: 'pipeline' },
    { key: 'b', label: l('B'), probability: 50, forecastCategory: 'pipeline' },
    { key: 'won', label: l('Won'), type: 'won', probability: 100, forecastCategory: 'closed' },
  ],
};
const options = (o: ObjectDefinition) => (o.fields[1] as { options: Array<{ value: string; retired?: boolean }> }).options.map((x) => x.value + (x.retired ? '*' : ''));

describe('pipeline edits keep the stage field in step', () => {
  it('reorders the options with the stages, keeping option colours and retired options last', () => {
    const r = reorderStages(pipeline, object, 1, 0);
    expect(r.pipeline.stages.map((s) => s.key)).toEqual(['b', 'a', 'won']);
    expect(options(r.object)).toEqual(['b', 'a', 'won', 'old*']);
    expect((r.object.fields[1] as { options: Array<{ color?: string }> }).options[1].color).toBe('#ff0000');
    expect(r.object.fields[0]).toBe(object.fields[0]);
  });

  it('adds a new open stage before the terminal ones, and its option', () => {
    const r = addStage(pipeline, object);
    expect(r.pipeline.stages.map((s) => s.key)).toEqual(['a', 'b', 'stage_4', 'won']);
    expect(r.index).toBe(2);
    expect(options(r.object)).toEqual(['a', 'b', 'stage_4', 'won', 'old*']);
  });

  it('follows a renamed key and label, and drops the option of a removed stage', () => {
    const renamed = updateStage(pipeline, object, 1, { ...pipeline.stages[1], key: 'bb', label: l('BB') });
    expect(options(renamed.object)).toEqual(['a', 'bb', 'won', 'old*']);
    expect((renamed.object.fields[1] as { options: Array<{ label: unknown }> }).options[1].label).toEqual(l('BB'));
    expect(options(removeStage(pipeline, object, 0).object)).toEqual(['b', 'won', 'old*']);
  });
});

describe('a new pipeline', () => {
  const check = (documents: Array<ObjectDefinition | PipelineDefinition>) =>
    checkMetadata(documents.map((document) => ({ source: `${document.kind}:${document.key}`, document })));

  it('adds its stage field to an object without one and passes the metadata check', () => {
    const bare: ObjectDefinition = { kind: 'object', key: 'ticket', label: l('Ticket'), fields: [{ key: 'title', type: 'text', label: l('Title') }, { key: 'value', type: 'currency', label: l('Value') }] };
    const made = newPipeline('support', bare);
    expect(made.pipeline).toMatchObject({ object: 'ticket', stageField: 'stage', amountField: 'value' });
    expect(made.pipeline.stages.map((s) => s.type ?? 'open')).toEqual(['open', 'won', 'lost']);
    expect((made.object.fields[2] as { options: Array<{ value: string }> }).options.map((o) => o.value)).toEqual(['open', 'won', 'lost']);
    expect(check([made.object, made.pipeline]).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('takes another field key when `stage` is taken', () => {
    const made = newPipeline('second', object);
    expect(made.pipeline.stageField).toBe('second_stage');
    expect(made.object.fields.map((f) => f.key)).toEqual(['title', 'stage', 'second_stage']);
  });
});
