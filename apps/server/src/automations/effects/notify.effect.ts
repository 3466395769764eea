import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { NotificationsService } from '../../notifications/notifications.service';
import { RecipientsResolver } from '../../pipelines/recipients.resolve';
import type { EffectContext, EffectExecutor } from './effect-executor';

type Notify = Extract<PlannedEffect, { kind: 'notify' }>;

/** In-app notifications to users, a role (in the owner's unit chain), the owner's manager; once per run and action. */
@Injectable()
export class NotifyEffect implements EffectExecutor<Notify, string[]> {
  readonly kind = 'notify';
  constructor(
    private readonly recipients: RecipientsResolver,
    private readonly notifications: NotificationsService,
  ) {}

  prepare(e: Notify, ctx: EffectContext): Promise<string[]> {
    return this.recipients.resolve(e.to, ctx.record);
  }

  async apply(m: Parameters<EffectExecutor['apply']>[0], e: Notify, ctx: EffectContext, to: string[]) {
    const ids = await this.notifications.notify(m, to, {
      title: e.title,
      body: e.body,
      link: { object: ctx.object, recordId: ctx.recordId },
      source: `automation:${ctx.name}`,
      dedupeKey: `automation:${ctx.runKey}:${ctx.index}`,
    });
    return { to, notified: ids.length };
  }
}
