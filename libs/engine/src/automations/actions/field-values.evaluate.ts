import type { FieldValues } from '@tessera/metadata';
import { expressionInput } from '../../expressions/expression.input';
import type { PlanContext } from '../action-plan';

/** Constants as written, expressions evaluated over the triggering record (no value = null). */
export async function evaluateFieldValues(values: FieldValues, ctx: PlanContext, at: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(values)) {
    if ('value' in source) {
      out[key] = source.value;
      continue;
    }
    const compiled = ctx.expressions.get({ document: ctx.document, path: `${at}/${key}/expression`, expression: source.expression });
    out[key] = (await compiled.evaluate(expressionInput({ ...ctx.record }), { event: { type: ctx.event.type, payload: ctx.event.payload }, previous: ctx.conditionInput.previous })) ?? null;
  }
  return out;
}
