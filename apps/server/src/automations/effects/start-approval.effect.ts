import { Injectable } from '@nestjs/common';
import type { PlannedEffect } from '@tessera/engine';
import { APPROVAL_START, type StartTimerReference } from '../../approvals/approval-triggers';
import { SYSTEM_ACTOR } from '../../identity/actor';
import { TimersService } from '../../timers/timers.service';
import type { EffectContext, EffectExecutor } from './effect-executor';

type StartApproval = Extract<PlannedEffect, { kind: 'startApproval' }>;

/**
 * Starts a flow the way the approvals module starts automatic ones: a timer of its
 * `approval.start` kind, due at once, written in the run's transaction. The approvals
 * module resolves the approvers after the commit; a start it refuses is logged there.
 */
@Injectable()
export class StartApprovalEffect implements EffectExecutor<StartApproval> {
  readonly kind = 'startApproval';
  constructor(private readonly timers: TimersService) {}

  async apply(m: Parameters<EffectExecutor['apply']>[0], e: StartApproval, ctx: EffectContext) {
    const reference: StartTimerReference = { flow: e.flow, trigger: 'save', by: SYSTEM_ACTOR.userId };
    await this.timers.schedule(m, [{ kind: APPROVAL_START, due: { after: 'PT0S' }, object: ctx.object, recordId: ctx.recordId, reference: { ...reference, automation: ctx.name } }]);
    return { flow: e.flow, requested: true };
  }
}
