import type { MetadataIssue } from '../issues/metadata-issue';
import type { PipelineDefinition } from '../metadata.generated';
import { lintActions } from './action.lint';
import { lintConditions } from './condition.lint';
import { duplicateKeys, error, recordScope, requireField, requireObject, show, warning } from './lint.context';
import type { MetadataIndex } from './metadata.index';
import { lintStageField } from './pipeline-stage-field.lint';

const EXPECTED_PROBABILITY = { won: 100, lost: 0 } as const;

/**
 * Stage gates: a stage field that matches the stages, unique stage and checklist keys,
 * open stages before terminal ones, at least one of each outcome, sensible
 * probabilities, reasons and timeouts only where they can apply, moves and conditions
 * that refer to things that exist.
 */
export function lintPipeline(pipeline: PipelineDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const object = requireObject(index, pipeline.object, '/object', issues);
  if (!object) return issues;
  // The scope is built from this pipeline even when another one claimed the object first,
  // so its own stages and checklist items resolve.
  const scope = { ...recordScope(index, object), pipeline };
  const stages = pipeline.stages;
  const stageKeys = new Set(stages.map((s) => s.key));

  issues.push(...lintStageField(pipeline, index));
  issues.push(...duplicateKeys(stages, '/stages', (s) => s.key, 'key', 'stage.duplicate', 'stage'));
  const checklist = stages.flatMap((s, i) => (s.checklist ?? []).map((c, j) => ({ key: c.key, at: `/stages/${i}/checklist/${j}/key` })));
  const seenItems = new Set<string>();
  for (const item of checklist) {
    if (seenItems.has(item.key)) issues.push(error(item.at, 'checklist.duplicate', `checklist item ${show(item.key)} is declared twice in this pipeline`));
    seenItems.add(item.key);
  }

  if (pipeline.amountField !== undefined) requireField(scope, object.key, pipeline.amountField, '/amountField', issues, ['number'], 'the forecast amount');
  if (pipeline.closeDateField !== undefined) requireField(scope, object.key, pipeline.closeDateField, '/closeDateField', issues, ['date', 'datetime'], 'the forecast close date');

  const typeOf = (i: number) => stages[i].type ?? 'open';
  if (typeOf(0) !== 'open') issues.push(error('/stages/0/type', 'pipeline.first-stage', 'the first stage must be open: records start there'));
  const firstTerminal = stages.findIndex((_, i) => typeOf(i) !== 'open');
  stages.forEach((stage, i) => {
    const at = `/stages/${i}`;
    const type = typeOf(i);
    if (type === 'open' && firstTerminal >= 0 && i > firstTerminal) issues.push(error(at + '/type', 'pipeline.stage-order', `open stage ${show(stage.key)} comes after a terminal stage; list open stages first`));
    if (type !== 'open' && stage.probability !== EXPECTED_PROBABILITY[type]) {
      issues.push(warning(at + '/probability', 'pipeline.probability', `a ${type} stage usually has probability ${EXPECTED_PROBABILITY[type]}, not ${stage.probability}`));
    }
    if (type === 'open') {
      if (stage.reasons) issues.push(error(at + '/reasons', 'pipeline.reasons-on-open', 'reasons are asked only when entering a won or lost stage'));
    } else {
      if (stage.timeout) issues.push(error(at + '/timeout', 'pipeline.timeout-on-terminal', 'a terminal stage cannot time out'));
      if ((stage.reasonRequired ?? true) && !stage.reasons) issues.push(error(at + '/reasons', 'pipeline.reasons-missing', `stage ${show(stage.key)} requires a reason but offers none (add reasons or set reasonRequired to false)`));
    }
    (stage.allowedMoves ?? []).forEach((m, j) => {
      if (!stageKeys.has(m)) issues.push(error(`${at}/allowedMoves/${j}`, 'ref.unknown-stage', `stage ${show(m)} does not exist in this pipeline`));
      else if (m === stage.key) issues.push(error(`${at}/allowedMoves/${j}`, 'pipeline.move-to-self', 'a stage cannot move to itself'));
    });
    issues.push(...lintConditions(stage.entry, scope, at + '/entry'));
    issues.push(...lintConditions(stage.exit, scope, at + '/exit'));
    issues.push(...lintActions(stage.timeout?.actions, scope, at + '/timeout/actions'));
  });

  for (const type of ['won', 'lost'] as const) {
    if (!stages.some((_, i) => typeOf(i) === type)) issues.push(warning('/stages', `pipeline.no-${type}`, `the pipeline has no ${type} stage, so records cannot be closed ${type}`));
  }
  return issues;
}
