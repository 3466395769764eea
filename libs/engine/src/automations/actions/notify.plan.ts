import type { NotifyAction } from '@tessera/metadata';
import { fillTemplate } from '../../pipelines/message-template.fill';
import type { ActionPlanner } from '../action-plan';

/** `{field}` placeholders filled with the record's display values, in both languages. */
export const notifyPlanner: ActionPlanner<NotifyAction> = {
  kind: 'notify',
  plan: async (a, ctx) => ({
    kind: 'notify',
    to: a.to,
    title: fillTemplate(a.title, ctx.record, ctx.object),
    body: a.body ? fillTemplate(a.body, ctx.record, ctx.object) : null,
  }),
};
