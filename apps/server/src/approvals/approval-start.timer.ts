import { Injectable, Logger } from '@nestjs/common';
import { UserError } from '../common/errors/user.error';
import { SYSTEM_ACTOR } from '../identity/actor';
import { NotificationsService } from '../notifications/notifications.service';
import { RecordReadService } from '../records/record-read.service';
import type { DueTimer, TimerHandler } from '../timers/timer';
import { ApprovalFlowCatalog } from './approval-flow.catalog';
import { ApprovalStartPreparer, type PreparedStart } from './approval-start.prepare';
import { APPROVAL_START, type StartTimerReference } from './approval-triggers';
import { ApprovalService } from './approval.service';

/**
 * Starts a flow a record write triggered (on save, on stage entry), after that write
 * committed. When the record changed again before the start, the timer fails and is
 * retried (the poller backs off), so the route is computed on what gets locked. A start
 * the flow refuses (nobody to approve, entry criteria) is told to the user whose write
 * triggered it, never dropped silently.
 */
@Injectable()
export class ApprovalStartTimer implements TimerHandler<PreparedStart | null> {
  readonly kind = APPROVAL_START;
  private readonly logger = new Logger('Approvals');

  constructor(
    private readonly approvals: ApprovalService,
    private readonly catalog: ApprovalFlowCatalog,
    private readonly preparer: ApprovalStartPreparer,
    private readonly records: RecordReadService,
    private readonly notifications: NotificationsService,
  ) {}

  async prepare(timer: DueTimer): Promise<PreparedStart | null> {
    const ref = timer.reference as unknown as StartTimerReference;
    if (!timer.object || !timer.recordId) return null;
    const entry = await this.catalog.current(ref.flow, timer.object).catch(() => undefined);
    const snapshot = entry && (await this.records.get(SYSTEM_ACTOR, timer.object, timer.recordId).catch(() => undefined));
    if (!entry || !snapshot) return null;
    return this.preparer.prepare(entry, snapshot);
  }

  async fire(timer: DueTimer, m: Parameters<TimerHandler['fire']>[1], prepared: PreparedStart | null): Promise<void> {
    if (!prepared) return;
    const ref = timer.reference as unknown as StartTimerReference;
    const record = await this.records.lockForSystem(m, prepared.entry.flow.object, String(prepared.snapshot.id));
    if (!record) return;
    if (record.version !== prepared.snapshot.version) throw new Error('the record changed since the start was prepared; retrying');
    try {
      await this.approvals.startLocked(m, prepared, record, ref.by);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (error.status === 409) return; // an approval of the flow is running already
      if (ref.by === SYSTEM_ACTOR.userId) {
        // A write by the platform itself has nobody to tell.
        this.logger.warn(`${ref.flow} did not start on ${timer.object} ${timer.recordId}: ${error.detail ?? error.title}`);
        return;
      }
      await this.notifications.notify(m, [ref.by], {
        title: { 'zh-CN': `「${prepared.entry.flow.label['zh-CN']}」未能自动发起`, en: `${prepared.entry.flow.label.en} could not start` },
        body: { 'zh-CN': error.detail ?? error.title, en: error.detail ?? error.title },
        link: { object: prepared.entry.flow.object, recordId: String(record.id) },
        source: 'approval.start-failed',
        dedupeKey: `approval.start-failed:${timer.id}`,
      });
    }
  }
}
