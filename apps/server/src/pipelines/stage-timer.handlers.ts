import { Injectable } from '@nestjs/common';
import { fillTemplate, type CompiledPipeline } from '@tessera/engine';
import type { Action, Label, NotifyAction, StageTimeout } from '@tessera/metadata';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../identity/actor';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { NotificationMessage } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import type { DueTimer, TimerHandler } from '../timers/timer';
import { PipelineCatalog } from './pipeline-catalog';
import { RecipientsResolver } from './recipients.resolve';
import { STAGE_TIMEOUT, STAGE_WARNING, type StageTimerReference } from './stage-entry.writer';
import { StageHistoryRepository } from './stage-history.repository';

interface Notice {
  to: string[];
  message: NotificationMessage;
}

/** What a stage timer needs, read before its firing transaction. */
interface Prepared {
  compiled: CompiledPipeline;
  timeout: StageTimeout;
  record: RecordData;
  notices: Notice[];
  /** Actions other than notify, handed to automations through the `stage.overdue` event. */
  deferred: Action[];
}

const stageLabel = (compiled: CompiledPipeline, stage: string): Label => compiled.byKey.get(stage)?.stage.label ?? { 'zh-CN': stage, en: stage };

/**
 * The stage timers. On `stage.timeout`: raise the visit's overdue flag (unless the
 * timeout says flag: false), send the notify actions, write `stage.overdue` (with the
 * other actions, for automations). On `stage.warn`: remind the owner. All of it in the
 * firing transaction, after checking that the visit the timer was set for is still open.
 */
@Injectable()
export class StageTimerHandlers {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: PipelineCatalog,
    private readonly reads: RecordReadService,
    private readonly recipients: RecipientsResolver,
    private readonly history: StageHistoryRepository,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
  ) {}

  readonly timeout: TimerHandler<Prepared | null> = {
    kind: STAGE_TIMEOUT,
    prepare: (timer) => this.prepare(timer, 'timeout'),
    fire: async (timer, m, prepared) => {
      const ref = timer.reference as unknown as StageTimerReference;
      if (!prepared || !(await this.stillThere(m, timer, ref))) return;
      const flagged = (prepared.timeout.flag ?? true) && (await this.history.markOverdue(m, ref.visitId));
      await this.send(m, prepared.notices);
      await this.outbox.append(m, [{
        type: 'stage.overdue',
        object: timer.object!,
        recordId: timer.recordId!,
        payload: { pipeline: ref.pipeline, stage: ref.stage, visitId: ref.visitId, dueAt: timer.dueAt.toISOString(), after: prepared.timeout.after, flagged, actions: prepared.deferred },
        actorId: null,
      }]);
    },
  };

  readonly warning: TimerHandler<Prepared | null> = {
    kind: STAGE_WARNING,
    prepare: (timer) => this.prepare(timer, 'warning'),
    fire: async (timer, m, prepared) => {
      const ref = timer.reference as unknown as StageTimerReference;
      if (!prepared || !(await this.stillThere(m, timer, ref))) return;
      await this.send(m, prepared.notices);
    },
  };

  /** Null when there is nothing left to do: the record is gone or the stage lost its timeout in a later version. */
  private async prepare(timer: DueTimer, which: 'timeout' | 'warning'): Promise<Prepared | null> {
    const ref = timer.reference as unknown as StageTimerReference;
    const compiled = this.catalog.byKey(await this.runtime.get(), ref.pipeline);
    const timeout = compiled?.byKey.get(ref.stage)?.stage.timeout;
    if (!compiled || !timeout || !timer.object || !timer.recordId) return null;
    const record = await this.reads.get(SYSTEM_ACTOR, timer.object, timer.recordId).catch(() => null);
    if (!record) return null;
    const link = { object: timer.object, recordId: timer.recordId };
    const stage = stageLabel(compiled, ref.stage);
    const titleField = compiled.object.titleField;
    const name = titleField && record[titleField] != null ? String(record[titleField]) : timer.recordId.slice(0, 8);
    if (which === 'warning') {
      const owner = typeof record.owner_id === 'string' ? [record.owner_id] : [];
      return {
        compiled, timeout, record, deferred: [],
        notices: [{
          to: owner,
          message: {
            title: { 'zh-CN': `「${name}」即将在「${stage['zh-CN']}」阶段超时`, en: `${name} is about to time out in ${stage.en}` },
            link, source: STAGE_WARNING, dedupeKey: `${STAGE_WARNING}:${ref.visitId}`,
          },
        }],
      };
    }
    const actions = timeout.actions ?? [];
    const notices: Notice[] = [];
    for (const [i, a] of actions.entries()) {
      if (a.kind !== 'notify') continue;
      const notify = a as NotifyAction;
      notices.push({
        to: await this.recipients.resolve(notify.to, record),
        message: {
          title: fillTemplate(notify.title, record, compiled.object),
          body: notify.body ? fillTemplate(notify.body, record, compiled.object) : null,
          link, source: STAGE_TIMEOUT, dedupeKey: `${STAGE_TIMEOUT}:${ref.visitId}:${i}`,
        },
      });
    }
    return { compiled, timeout, record, notices, deferred: actions.filter((a) => a.kind !== 'notify') };
  }

  /** The visit the timer was set for is still the record's open one (locked against a concurrent move). */
  private async stillThere(m: EntityManager, timer: DueTimer, ref: StageTimerReference): Promise<boolean> {
    const open = await this.history.lockOpenVisit(m, timer.object!, timer.recordId!);
    return open?.id === ref.visitId;
  }

  private async send(m: EntityManager, notices: Notice[]): Promise<void> {
    for (const n of notices) if (n.to.length) await this.notifications.notify(m, n.to, n.message);
  }
}
