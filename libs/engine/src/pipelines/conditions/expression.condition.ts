import type { ExpressionCondition } from '@tessera/metadata';
import type { CompiledCondition, ConditionKindDef, UnmetCondition } from '../condition-kind';
import { ExpressionError } from '../../expressions/expression.error';
import { expressionInput } from '../../expressions/expression.input';
import { ALL_NEEDS } from '../gate-facts';

/**
 * A JSONata expression over the record, with `$facts` (GateFacts) and `$stage` bound;
 * met only when it yields true. Compiled once through the version's ExpressionCache.
 * A failing expression (timeout, depth) fails the gate with the error attached:
 * the gate fails closed, never open.
 */
export const expressionCondition: ConditionKindDef<ExpressionCondition> = {
  kind: 'expression',
  compile(c, site, ctx): CompiledCondition {
    const compiled = ctx.expressions.get({ document: ctx.document, path: `${site.path}/expression`, expression: c.expression });
    const unmet: UnmetCondition = { kind: 'expression', stage: site.stage, path: site.path, message: c.message };
    const report = Object.freeze([Object.freeze(unmet)]);
    return {
      kind: 'expression',
      path: site.path,
      needs: ALL_NEEDS,
      async check(input) {
        try {
          const result = await compiled.evaluate(expressionInput(input.record as Record<string, unknown>), { facts: input.facts, stage: site.stage });
          return result === true ? undefined : report;
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          return [{ ...unmet, error: { code: e.code, message: e.message } }];
        }
      },
    };
  },
};
