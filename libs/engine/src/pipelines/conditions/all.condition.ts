import type { AllCondition } from '@tessera/metadata';
import type { CompiledCondition, ConditionKindDef, ConditionOutcome, UnmetCondition } from '../condition-kind';
import { mergeNeeds } from '../gate-facts';

/**
 * Every nested condition holds. Without its own message, the unmet nested conditions
 * are reported one by one (each with its own path); with one, as a single entry.
 */
export const allCondition: ConditionKindDef<AllCondition> = {
  kind: 'all',
  compile(c, site, ctx): CompiledCondition {
    const parts = c.conditions.map((n, i) => ctx.compile(n, { stage: site.stage, path: `${site.path}/conditions/${i}` }));
    const own: readonly UnmetCondition[] | undefined = c.message && Object.freeze([{ kind: 'all' as const, stage: site.stage, path: site.path, message: c.message }]);
    const collect = (outcomes: ConditionOutcome[]): ConditionOutcome => {
      const unmet = outcomes.flatMap((o) => o ?? []);
      return unmet.length === 0 ? undefined : (own ?? unmet);
    };
    return {
      kind: 'all',
      path: site.path,
      needs: mergeNeeds(parts.map((p) => p.needs)),
      check(input) {
        const outcomes = parts.map((p) => p.check(input));
        return outcomes.some((o) => o instanceof Promise) ? Promise.all(outcomes).then(collect) : collect(outcomes as ConditionOutcome[]);
      },
    };
  },
};
