import type { Condition } from '@tessera/metadata';
import type { CompiledCondition, ConditionSite, GateInput, UnmetCondition } from '../condition-kind';
import { NO_NEEDS, type FactNeeds } from '../gate-facts';

/**
 * A declarative condition as a plain predicate. What is reported when it fails never
 * changes, so it is built once here and the met path allocates nothing.
 */
export function predicateCondition(
  condition: Condition,
  site: ConditionSite,
  unmet: Omit<UnmetCondition, 'kind' | 'stage' | 'path'>,
  test: (input: GateInput) => boolean,
  needs: FactNeeds = NO_NEEDS,
): CompiledCondition {
  const report: readonly UnmetCondition[] = Object.freeze([Object.freeze({ kind: condition.kind, stage: site.stage, path: site.path, ...unmet })]);
  return {
    kind: condition.kind,
    path: site.path,
    needs,
    check: (input) => (test(input) ? undefined : report),
  };
}
