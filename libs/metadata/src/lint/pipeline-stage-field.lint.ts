import type { MetadataIssue } from '../issues/metadata-issue';
import { resolveField } from '../fields/field.resolve';
import type { PipelineDefinition } from '../metadata.generated';
import { error, show } from './lint.context';
import type { MetadataIndex } from './metadata.index';

const AT = '/stageField';
const list = (keys: readonly string[]) => keys.map(show).join(', ');
const aOrAn = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

/**
 * The stage lives in an ordinary select column (the pipeline's stageField), so that
 * column and the stage list must say the same thing:
 * - the field exists on the pipeline's object, is a select and is not retired;
 * - its active options are exactly the stage keys (missing and extra reported apart);
 *   retired options are ignored, since they are how a removed stage stays readable
 *   on old records (retireRemoved keeps a removed option that way);
 * - in the same order, because lists, kanban columns and BI tools sort a select by its
 *   options; the order is checked only once the sets agree, to report one cause at a time;
 * - a default, if any, is the first stage, where every record starts.
 * Every issue points at /stageField of the pipeline.
 */
export function lintStageField(pipeline: PipelineDefinition, index: MetadataIndex): MetadataIssue[] {
  const key = pipeline.stageField;
  const resolved = resolveField(index, pipeline.object, key);
  if (!resolved) {
    return [error(AT, 'pipeline.stage-field-missing', `field ${show(key)} does not exist on object ${show(pipeline.object)}; declare a select field whose options are the stages`)];
  }
  const field = resolved.field;
  if (field?.type !== 'select') {
    const what = field ? `${aOrAn(field.type)} field` : 'a system field';
    return [error(AT, 'pipeline.stage-field-type', `field ${show(key)} is ${what}; the stage field must be a select whose options are the stages`)];
  }
  const issues: MetadataIssue[] = [];
  if (field.retired) issues.push(error(AT, 'pipeline.stage-field-retired', `field ${show(key)} is retired, so it cannot hold the stage`));

  const stages = pipeline.stages.map((s) => s.key);
  const active = field.options.filter((o) => !o.retired).map((o) => o.value);
  const retired = new Set(field.options.filter((o) => o.retired).map((o) => o.value));
  const missing = stages.filter((s) => !active.includes(s));
  const extra = active.filter((o) => !stages.includes(o));
  if (missing.length > 0) {
    const retiredNote = missing.some((s) => retired.has(s)) ? ` (retired: ${list(missing.filter((s) => retired.has(s)))})` : '';
    issues.push(error(AT, 'pipeline.stage-options-missing', `stages ${list(missing)} are not options of ${show(key)}${retiredNote}; add them as options`));
  }
  if (extra.length > 0) {
    issues.push(error(AT, 'pipeline.stage-options-extra', `options ${list(extra)} of ${show(key)} are not stages of this pipeline; add the stages, or retire the options`));
  }
  if (missing.length === 0 && extra.length === 0 && active.some((o, i) => o !== stages[i])) {
    issues.push(error(AT, 'pipeline.stage-options-order', `options of ${show(key)} are in the order ${list(active)}; list them in the stage order ${list(stages)}`));
  }
  if (field.default !== undefined && field.default !== stages[0]) {
    issues.push(error(AT, 'pipeline.stage-field-default', `field ${show(key)} defaults to ${show(field.default)}, but records start in the first stage ${show(stages[0])}; remove the default or make it ${show(stages[0])}`));
  }
  return issues;
}
