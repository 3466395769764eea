import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { OutboxService } from '../../outbox/outbox.service';
import type { EffectContext, EffectExecutor } from './effect-executor';

type Webhook = Extract<PlannedEffect, { kind: 'webhook' }>;

/** Event type of a requested delivery; the webhook job handler sends it after the run commits. */
export const WEBHOOK_REQUESTED = 'automation.webhook';

export interface WebhookRequest {
  automation: string;
  deliveryId: string;
  url: string;
  secret?: string;
  timeoutMs: number;
  retries: number;
  body: unknown;
}

/**
 * The delivery is written to the outbox in the run's transaction: it happens exactly when
 * the run commits, with its own tries, backoff and dead letter (webhook.handler).
 */
@Injectable()
export class WebhookEffect implements EffectExecutor<Webhook> {
  readonly kind = 'webhook';
  constructor(private readonly outbox: OutboxService) {}

  async apply(m: Parameters<EffectExecutor['apply']>[0], e: Webhook, ctx: EffectContext) {
    const deliveryId = `${ctx.runKey}:${ctx.index}`;
    const request: WebhookRequest = { automation: ctx.name, deliveryId, url: e.url, ...(e.secret !== undefined && { secret: e.secret }), timeoutMs: e.timeoutMs, retries: e.retries, body: e.body };
    await this.outbox.append(m, [{ type: WEBHOOK_REQUESTED, object: ctx.object, recordId: ctx.recordId, payload: request as unknown as Record<string, unknown>, actorId: null, requestId: ctx.requestId }]);
    return { url: e.url, deliveryId };
  }
}
