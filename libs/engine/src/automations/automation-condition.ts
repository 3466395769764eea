import type { ExpressionCondition } from '@tessera/metadata';
import { ExpressionError } from '../expressions/expression.error';
import { expressionInput } from '../expressions/expression.input';
import type { CompiledCondition, ConditionSite, GateCompileContext, GateInput, UnmetCondition } from '../pipelines/condition-kind';
import { ALL_NEEDS } from '../pipelines/gate-facts';
import type { AutomationEvent } from './automation-event';

/** What automation conditions see: the record and its facts, plus the values before the change and the event. */
export interface AutomationConditionInput extends GateInput {
  previous: Readonly<Record<string, unknown>>;
  event: AutomationEvent;
}

/**
 * The expression kind of automation conditions: the gate's expression condition plus
 * `$previous` (the changed fields' values before an update) and `$event`. Runs with
 * the version's limits; a timeout or depth error is reported (the run is logged as
 * failed), never treated as true.
 */
export function compileAutomationExpression(c: ExpressionCondition, site: ConditionSite, ctx: GateCompileContext): CompiledCondition {
  const compiled = ctx.expressions.get({ document: ctx.document, path: `${site.path}/expression`, expression: c.expression });
  const unmet: UnmetCondition = { kind: 'expression', stage: site.stage, path: site.path, message: c.message };
  const report = Object.freeze([Object.freeze(unmet)]);
  return {
    kind: 'expression',
    path: site.path,
    needs: ALL_NEEDS,
    async check(input) {
      const { previous, event } = input as Partial<AutomationConditionInput>;
      try {
        const bindings = { facts: input.facts, previous: previous ?? {}, event: event ? { type: event.type, payload: event.payload } : undefined };
        const result = await compiled.evaluate(expressionInput(input.record as Record<string, unknown>), bindings);
        return result === true ? undefined : report;
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        return [{ ...unmet, error: { code: e.code, message: e.message } }];
      }
    },
  };
}
