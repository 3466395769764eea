import type { CompiledCondition, ConditionOutcome, GateInput, UnmetCondition } from './condition-kind';
import type { CompiledPipeline } from './gate.compile';
import { gateConditions } from './stage-move.check';

export type GateResult = { allowed: true } | { allowed: false; unmet: UnmetCondition[] };

/**
 * Every condition of the list, all of them (not the first failure), in their order in
 * the pipeline document. Declarative conditions run synchronously; expressions are
 * awaited together.
 */
export async function evaluateConditions(conditions: readonly CompiledCondition[], input: GateInput): Promise<UnmetCondition[]> {
  let outcomes: Array<ConditionOutcome | Promise<ConditionOutcome>> | undefined;
  let unmet: UnmetCondition[] | undefined;
  for (let i = 0; i < conditions.length; i++) {
    const o = conditions[i].check(input);
    if (o instanceof Promise) {
      // Keep document order: from the first asynchronous outcome on, collect everything.
      outcomes ??= [];
      outcomes.push(o);
    } else if (outcomes) outcomes.push(o);
    else if (o !== undefined) (unmet ??= []).push(...o);
  }
  if (outcomes) for (const o of await Promise.all(outcomes)) if (o !== undefined) (unmet ??= []).push(...o);
  return unmet ?? [];
}

/**
 * The stage gate between two stages: allowed, or every unmet condition (exit conditions
 * of the current stage for forward moves, entry conditions of the target), each with
 * its localized message, its JSON Pointer into the pipeline and the field, item or
 * category it concerns. Whether the move itself is allowed is checkStageMove's business.
 */
export async function evaluateGate(compiled: CompiledPipeline, from: string | null | undefined, to: string, input: GateInput): Promise<GateResult> {
  const unmet = await evaluateConditions(gateConditions(compiled, from, to).conditions, input);
  return unmet.length === 0 ? { allowed: true } : { allowed: false, unmet };
}
