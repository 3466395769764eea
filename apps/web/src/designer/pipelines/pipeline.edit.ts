import type { ObjectDefinition, PipelineDefinition, SelectOption, Stage } from '@tessera/metadata';
import { moveItem } from '../list.move';

/**
 * The stage field's options must be the stage keys in stage order (lint
 * `pipeline.stage-options-*`), so every stage edit rewrites them: an option per stage
 * (kept, with the stage's label), retired options kept at the end for old records.
 * Returns the object unchanged when the field is not a select of it.
 */
export function syncStageField(object: ObjectDefinition, pipeline: PipelineDefinition): ObjectDefinition {
  const index = object.fields.findIndex((f) => f.key === pipeline.stageField);
  const field = object.fields[index];
  if (!field || field.type !== 'select') return object;
  const existing = new Map(field.options.map((o) => [o.value, o]));
  const stageKeys = new Set(pipeline.stages.map((s) => s.key));
  const options: SelectOption[] = [
    ...pipeline.stages.map((s): SelectOption => {
      const { retired: _r, ...kept } = existing.get(s.key) ?? { value: s.key, label: s.label };
      return { ...kept, value: s.key, label: s.label, ...(s.color && !kept.color && { color: s.color }) };
    }),
    ...field.options.filter((o) => o.retired && !stageKeys.has(o.value)),
  ];
  const { default: def, ...rest } = field;
  const next = { ...rest, options, ...(def !== undefined && { default: pipeline.stages[0]?.key }) };
  return { ...object, fields: object.fields.map((f, i) => (i === index ? next : f)) };
}

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * A new pipeline on an object that has none: an open stage, won and lost (closing asks
 * for a reason), and its stage field — a select added to the object (`stage`, else
 * `<key>_stage` when that key is taken) whose options follow the stages.
 */
export function newPipeline(key: string, object: ObjectDefinition): { pipeline: PipelineDefinition; object: ObjectDefinition } {
  const stageField = object.fields.some((f) => f.key === 'stage') ? `${key}_stage` : 'stage';
  const amount = object.fields.find((f) => f.type === 'currency' && !f.retired);
  const pipeline: PipelineDefinition = {
    kind: 'pipeline',
    key,
    object: object.key,
    label: l(key, key),
    stageField,
    ...(amount && { amountField: amount.key }),
    stages: [
      { key: 'open', label: l('进行中', 'Open'), probability: 30, forecastCategory: 'pipeline' },
      { key: 'won', label: l('赢单', 'Won'), type: 'won', probability: 100, forecastCategory: 'closed', reasons: [{ value: 'other', label: l('其他', 'Other') }] },
      { key: 'lost', label: l('输单', 'Lost'), type: 'lost', probability: 0, forecastCategory: 'omitted', reasons: [{ value: 'other', label: l('其他', 'Other') }] },
    ],
  };
  const field: ObjectDefinition['fields'][number] = { key: stageField, type: 'select', label: l('阶段', 'Stage'), options: [] };
  return { pipeline, object: syncStageField({ ...object, fields: [...object.fields, field] }, pipeline) };
}

/** The pipeline and its object after the stage at `from` moved to `to`. */
export function reorderStages(pipeline: PipelineDefinition, object: ObjectDefinition, from: number, to: number) {
  const next = { ...pipeline, stages: moveItem(pipeline.stages, from, to) };
  return { pipeline: next, object: syncStageField(object, next) };
}

/** A new open stage before the first terminal one, with a key not used yet. */
export function addStage(pipeline: PipelineDefinition, object: ObjectDefinition) {
  const used = new Set(pipeline.stages.map((s) => s.key));
  let n = pipeline.stages.length + 1;
  while (used.has(`stage_${n}`)) n++;
  const stage: Stage = { key: `stage_${n}`, label: { 'zh-CN': `阶段 ${n}`, en: `Stage ${n}` }, probability: 50, forecastCategory: 'pipeline' };
  const at = pipeline.stages.findIndex((s) => (s.type ?? 'open') !== 'open');
  const stages = [...pipeline.stages];
  stages.splice(at < 0 ? stages.length : at, 0, stage);
  const next = { ...pipeline, stages };
  return { pipeline: next, object: syncStageField(object, next), index: stages.indexOf(stage) };
}

/** Replaces the stage at `index`; the stage field follows key and label changes. */
export function updateStage(pipeline: PipelineDefinition, object: ObjectDefinition, index: number, stage: Stage) {
  const next = { ...pipeline, stages: pipeline.stages.map((s, i) => (i === index ? stage : s)) };
  return { pipeline: next, object: syncStageField(object, next) };
}

export function removeStage(pipeline: PipelineDefinition, object: ObjectDefinition, index: number) {
  const next = { ...pipeline, stages: pipeline.stages.filter((_, i) => i !== index) };
  return { pipeline: next, object: syncStageField(object, next) };
}
