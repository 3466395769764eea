import type { ClassifyAction } from '@tessera/metadata';
import { ExpressionError } from '../../expressions/expression.error';
import type { ActionPlanner } from '../action-plan';
import { classifyRecord } from '../classify.evaluate';

export const classifyPlanner: ActionPlanner<ClassifyAction> = {
  kind: 'classify',
  async plan(a, ctx) {
    const result = await classifyRecord(a, ctx.classifyRules ?? [], ctx.conditionInput);
    if ('error' in result) throw new ExpressionError(result.error.message, ctx.document, result.error.path, result.error.code as ExpressionError['code']);
    return { kind: 'classify', field: a.field, value: result.value };
  },
};
