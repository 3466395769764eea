import type { ClassifyAction } from '@tessera/metadata';
import type { CompiledCondition } from '../pipelines/condition-kind';
import type { AutomationConditionInput } from './automation-condition';
import { evaluateCondition } from './automation.compile';

export type ClassifyResult = { value: string | undefined } | { error: { code: string; message: string; path: string } };

/**
 * The value of the first rule whose condition holds, else `otherwise` (undefined: leave
 * the field alone). A rule whose condition fails to evaluate stops the classification:
 * a later, weaker rule must not win because a stronger one timed out.
 */
export async function classifyRecord(action: ClassifyAction, rules: readonly CompiledCondition[], input: AutomationConditionInput): Promise<ClassifyResult> {
  for (const [i, rule] of rules.entries()) {
    const verdict = await evaluateCondition(rule, input);
    if (verdict.met) return { value: action.rules[i].value };
    if (verdict.error) return { error: verdict.error };
  }
  return { value: action.otherwise };
}
