import type { SetFieldAction } from '@tessera/metadata';
import type { ActionPlanner } from '../action-plan';
import { evaluateFieldValues } from './field-values.evaluate';

export const setFieldPlanner: ActionPlanner<SetFieldAction> = {
  kind: 'setField',
  plan: async (a, ctx) => ({ kind: 'setField', values: await evaluateFieldValues(a.values, ctx, `${ctx.path}/values`) }),
};
