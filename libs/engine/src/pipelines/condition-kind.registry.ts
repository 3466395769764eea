import type { Condition } from '@tessera/metadata';
import type { ConditionKindDef } from './condition-kind';
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
