import type { Condition, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import type { CompiledCondition, ConditionKindDef, ConditionSite, GateCompileContext, GateLabels } from './condition-kind';
import { allCondition } from './conditions/all.condition';
import { anyCondition } from './conditions/any.condition';
import { approvalCondition } from './conditions/approval.condition';
import { attachmentCondition } from './conditions/attachment.condition';
import { checklistCondition } from './conditions/checklist.condition';
import { compareCondition } from './conditions/compare.condition';
import { expressionCondition } from './conditions/expression.condition';
import { filledCondition } from './conditions/filled.condition';
import { relatedCondition } from './conditions/related.condition';

type Registry = { [K in Condition['kind']]: ConditionKindDef<Extract<Condition, { kind: K }>> };

/** Every condition kind the engine knows, keyed by kind. Adding a kind = one file + one line here. */
export const CONDITION_KINDS: Registry = {
  filled: filledCondition,
  compare: compareCondition,
  attachment: attachmentCondition,
  approval: approvalCondition,
  checklist: checklistCondition,
  related: relatedCondition,
  expression: expressionCondition,
  all: allCondition,
  any: anyCondition,
};

export function conditionKind(condition: Condition): ConditionKindDef<Condition> {
  const def = CONDITION_KINDS[condition.kind] as ConditionKindDef<Condition> | undefined;
  if (!def) throw new Error(`unknown condition kind ${JSON.stringify((condition as { kind: unknown }).kind)}`);
  return def;
}

/**
 * A compile context for conditions outside a pipeline's stages (approval steps, automation
 * conditions, form visibility): the registry's kinds over `object`, with its pipeline when
 * it has one (checklist conditions name its items; without one there are none). `override`
 * compiles some kinds differently (automations bind `$previous` in expressions).
 */
export function conditionContext(
  options: { document: string; object: ObjectDefinition; pipeline?: PipelineDefinition; expressions: ExpressionCache; labels?: Partial<GateLabels> },
  override?: (condition: Condition, site: ConditionSite, ctx: GateCompileContext) => CompiledCondition | undefined,
): GateCompileContext {
  const ctx: GateCompileContext = {
    document: options.document,
    pipeline: options.pipeline ?? { kind: 'pipeline', key: `${options.object.key}_none`, object: options.object.key, stageField: 'id', label: options.object.label, stages: [] },
    object: options.object,
    expressions: options.expressions,
    labels: { object: options.labels?.object ?? (() => undefined), flow: options.labels?.flow ?? (() => undefined) },
    compile: (condition, site) => override?.(condition, site, ctx) ?? conditionKind(condition).compile(condition, site, ctx),
  };
  return ctx;
}
