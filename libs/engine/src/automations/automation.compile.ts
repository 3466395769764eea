import type { AutomationDefinition, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import type { CompiledCondition, ConditionOutcome, GateLabels } from '../pipelines/condition-kind';
import { conditionContext } from '../pipelines/condition-kind.registry';
import { mergeNeeds, type FactNeeds } from '../pipelines/gate-facts';
import { compileAutomationExpression, type AutomationConditionInput } from './automation-condition';

/** An automation of one published version, ready to match and run. */
export interface CompiledAutomation {
  automation: AutomationDefinition;
  /** `automation:<key>`, as expression errors name it. */
  document: string;
  object: ObjectDefinition;
  when?: CompiledCondition;
  /** The rule conditions of each classify action, by action index. */
  classify: ReadonlyMap<number, readonly CompiledCondition[]>;
  /** Facts the condition and the classify rules read. */
  needs: FactNeeds;
}

export interface AutomationCompileOptions {
  object: ObjectDefinition;
  pipeline?: PipelineDefinition;
  expressions: ExpressionCache;
  labels?: Partial<GateLabels>;
}

/**
 * Compiles the condition and the classify rules of an automation through the stage-gate
 * condition registry (same kinds, same declarative predicates), with the expression
 * kind swapped for one that also binds `$previous` and `$event`.
 */
export function compileAutomation(automation: AutomationDefinition, options: AutomationCompileOptions): CompiledAutomation {
  const document = `automation:${automation.key}`;
  const ctx = conditionContext({ document, ...options }, (condition, site, c) => (condition.kind === 'expression' ? compileAutomationExpression(condition, site, c) : undefined));
  const when = automation.when && ctx.compile(automation.when, { stage: '', path: '/when' });
  const classify = new Map<number, CompiledCondition[]>();
  automation.actions.forEach((a, i) => {
    if (a.kind === 'classify') classify.set(i, a.rules.map((r, j) => ctx.compile(r.when, { stage: '', path: `/actions/${i}/rules/${j}/when` })));
  });
  const all = [when, ...[...classify.values()].flat()].filter((c): c is CompiledCondition => c !== undefined);
  return { automation, document, object: options.object, when, classify, needs: mergeNeeds(all.map((c) => c.needs)) };
}

/** Outcome of an automation's condition: met, unmet, or failed (an expression timed out or could not run). */
export type ConditionVerdict = { met: true } | { met: false; error?: { code: string; message: string; path: string } };

/** Evaluates a compiled condition for a run; absent = always met. */
export async function evaluateCondition(condition: CompiledCondition | undefined, input: AutomationConditionInput): Promise<ConditionVerdict> {
  if (!condition) return { met: true };
  const outcome: ConditionOutcome = await condition.check(input);
  if (outcome === undefined) return { met: true };
  const failed = outcome.find((u) => u.error);
  return failed?.error ? { met: false, error: { ...failed.error, path: failed.path } } : { met: false };
}
