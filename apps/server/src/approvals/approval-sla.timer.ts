import { Injectable } from '@nestjs/common';
import type { TimeoutAction } from '@tessera/engine';
import { DataSource } from 'typeorm';
import type { DueTimer, TimerHandler } from '../timers/timer';
import { APPROVAL_SLA, type SlaTimerReference } from './approval-transition.writer';
import { ApprovalRepository } from './approval.repository';
import { ApprovalService, type PreparedAction } from './approval.service';
import { PrincipalsResolver } from './principals/principals.resolve';

interface PreparedTimeout {
  action: PreparedAction;
  timeout: TimeoutAction;
}

/**
 * Fires a step's SLA escalation (remind, escalate to the approver's manager or to `to`,
 * reassign, decide automatically). Who the escalation reaches is looked up before the
 * firing transaction; the engine then checks, under the instance lock, that the step
 * activation the timer was set for is still running, so a late or repeated timer is a
 * no-op. The timer table's claim (FOR UPDATE SKIP LOCKED) makes each fire once, across
 * restarts and instances.
 */
@Injectable()
export class ApprovalSlaTimer implements TimerHandler<PreparedTimeout | null> {
  readonly kind = APPROVAL_SLA;

  constructor(
    private readonly dataSource: DataSource,
    private readonly approvals: ApprovalService,
    private readonly repo: ApprovalRepository,
    private readonly principals: PrincipalsResolver,
  ) {}

  async prepare(timer: DueTimer): Promise<PreparedTimeout | null> {
    const ref = timer.reference as unknown as SlaTimerReference;
    const action = await this.approvals.prepare(ref.instanceId);
    if (!action || action.row.state !== 'pending' || action.row.data.round !== ref.round) return null;
    const escalation = action.entry.flow.steps.find((s) => s.key === ref.step)?.escalations?.[ref.escalation];
    if (!escalation) return null;
    const targets: TimeoutAction['targets'] = {};
    if (escalation.to) targets.to = await this.principals.resolve(escalation.to, this.principals.context(action.record));
    if (escalation.action === 'escalate' && !escalation.to) {
      const tasks = (await this.repo.tasksOf(this.dataSource, [ref.instanceId])).get(ref.instanceId) ?? [];
      const pending = tasks.filter((t) => t.round === ref.round && t.state === 'pending').map((t) => t.assignee);
      targets.managers = await this.principals.managersOf(pending, escalation.levels ?? 1);
    }
    return { action, timeout: { kind: 'timeout', step: ref.step, round: ref.round, escalation: ref.escalation, targets } };
  }

  async fire(_timer: DueTimer, m: Parameters<TimerHandler['fire']>[1], prepared: PreparedTimeout | null): Promise<void> {
    if (!prepared) return;
    await this.approvals.applyLocked(m, prepared.action, prepared.timeout, null);
  }
}
