import { Injectable } from '@nestjs/common';
import { UserError } from '../common/errors/user.error';
import type { RecordWriteContext, RecordWriteGuard } from '../records/record-hooks';
import { isEffectActor } from './approval-effect.actor';
import { ApprovalRepository, type InstanceRow } from './approval.repository';
import { ApprovalTriggers } from './approval-triggers';

const locked = (instance: InstanceRow, blocked: string[], action: string) =>
  new UserError({
    status: 423,
    code: 'record-locked',
    title: 'The record is locked by a pending approval',
    detail:
      `Approval ${instance.id} (flow ${instance.flow}) is pending on this record` +
      (action === 'delete' ? '; it cannot be deleted until the approval ends' : instance.editableFields.length ? `; only ${instance.editableFields.join(', ')} may change until it ends` : '; nothing may change until it ends'),
    errors: (blocked.length ? blocked : ['']).map((f) => ({ path: f ? `/${f}` : '', code: 'record.locked', message: `locked by approval ${instance.id} (${instance.flow})` })),
    extensions: { approval: { id: instance.id, flow: instance.flow, href: `/api/approvals/instances/${instance.id}` } },
  });

/**
 * The record lock of pending approvals (flows with lockRecord), enforced inside every
 * record write's transaction: updates of fields other than the flow's editableFields and
 * deletes answer 423 naming the approval. Computed fields that follow an allowed edit do
 * not count. The flow's own outcome writes pass. After the lock check, the start
 * triggers (on save, on stage entry) look at the write.
 */
@Injectable()
export class ApprovalLockGuard implements RecordWriteGuard {
  readonly name = 'approvals';

  constructor(
    private readonly repo: ApprovalRepository,
    private readonly triggers: ApprovalTriggers,
  ) {}

  async check(ctx: RecordWriteContext): Promise<void> {
    if (isEffectActor(ctx.actor)) return;
    if ((ctx.action === 'update' || ctx.action === 'delete') && ctx.before) {
      const pending = (await this.repo.pendingOn(ctx.manager, ctx.object.object.key, String(ctx.before.id))).filter((i) => i.locksRecord);
      for (const instance of pending) {
        if (ctx.action === 'delete') throw locked(instance, [], 'delete');
        const blocked = [...ctx.changed].filter((f) => ctx.object.writable.has(f) && !instance.editableFields.includes(f));
        if (blocked.length) throw locked(instance, blocked, 'update');
      }
    }
    if (ctx.action === 'create' || ctx.action === 'update') await this.triggers.afterWrite(ctx);
  }
}
