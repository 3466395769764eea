import type { WebhookAction } from '@tessera/metadata';
import { expressionInput } from '../../expressions/expression.input';
import type { ActionPlanner } from '../action-plan';
import { durationMillis } from '../duration.millis';

export const DEFAULT_WEBHOOK_TIMEOUT = 'PT10S';
export const DEFAULT_WEBHOOK_RETRIES = 3;

/**
 * The payload is the `body` expression over the record (with `$event`), or the event and
 * the record as they are when the action runs.
 */
export const webhookPlanner: ActionPlanner<WebhookAction> = {
  kind: 'webhook',
  async plan(a, ctx) {
    const event = { id: ctx.event.id, type: ctx.event.type, object: ctx.event.object, recordId: ctx.event.recordId, payload: ctx.event.payload };
    const body =
      a.body === undefined
        ? { event, record: ctx.record }
        : ((await ctx.expressions.get({ document: ctx.document, path: `${ctx.path}/body`, expression: a.body }).evaluate(expressionInput({ ...ctx.record }), { event })) ?? null);
    return {
      kind: 'webhook',
      url: a.url,
      ...(a.secret !== undefined && { secret: a.secret }),
      timeoutMs: durationMillis(a.timeout ?? DEFAULT_WEBHOOK_TIMEOUT) ?? 10_000,
      retries: a.retries ?? DEFAULT_WEBHOOK_RETRIES,
      body,
    };
  },
};
