import type { CreateRecordAction } from '@tessera/metadata';
import type { ActionPlanner } from '../action-plan';
import { evaluateFieldValues } from './field-values.evaluate';

export const createRecordPlanner: ActionPlanner<CreateRecordAction> = {
  kind: 'createRecord',
  plan: async (a, ctx) => ({ kind: 'createRecord', object: a.object, values: await evaluateFieldValues(a.values, ctx, `${ctx.path}/values`) }),
};
