import { Injectable } from '@nestjs/common';
import { AUTOMATION_DUE, listensTo, type AutomationEvent, type CompiledAutomation } from '@tessera/engine';
import type { Action, CompareCondition } from '@tessera/metadata';
import { SYSTEM_ACTOR } from '../identity/actor';
import type { JobEvent, JobHandler, RunningJob } from '../jobs/job';
import { JobsService } from '../jobs/jobs.service';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { PublishedMetadata } from '../metadata/published-metadata';
import type { OutboxEvent } from '../outbox/outbox-event';
import { RecordReadService } from '../records/record-read.service';
import { AutomationCatalog, relativeTriggerOf } from './automation-catalog';
import { AutomationRelativeTimer } from './automation-relative.timer';
import { AutomationRunner, type RunRequest, type RunSubject } from './automation.runner';

/** Events carrying actions other modules hand on: a stage timeout's non-notify actions, an approval outcome's automation actions. */
const HANDED_ON = new Set(['stage.overdue', 'approval.action-requested']);
const SCHEDULE_PAGE = 200;

const subjectOf = (c: CompiledAutomation): RunSubject => ({
  name: c.automation.key,
  document: c.document,
  actionsPath: '/actions',
  actions: c.automation.actions,
  trigger: c.automation.trigger.on,
  compiled: c,
});

/**
 * The `automations` job: for one outbox event, every automation it concerns runs on its
 * record (each its own idempotent run), relative timers are re-armed, a schedule's due
 * event runs over the records its `where` selects, and actions handed on by stage
 * timeouts and approval outcomes are run. One failing run does not keep the others from
 * running; the job then fails and is retried, and the runs that committed are skipped.
 */
@Injectable()
export class AutomationEventsHandler implements JobHandler {
  readonly name = 'automations';

  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly catalog: AutomationCatalog,
    private readonly runner: AutomationRunner,
    private readonly relative: AutomationRelativeTimer,
    private readonly reads: RecordReadService,
    private readonly jobs: JobsService,
  ) {}

  async accepts(event: OutboxEvent): Promise<boolean> {
    if (event.type === AUTOMATION_DUE) return true;
    if (event.type === 'approval.action-requested') return true;
    if (event.type === 'stage.overdue' && Array.isArray(event.payload.actions) && event.payload.actions.length > 0) return true;
    return this.catalog.concerned(await this.runtime.get(), event.type, event.object).length > 0;
  }

  async run(job: RunningJob): Promise<void> {
    const e = job.data.event;
    const meta = await this.runtime.get();
    const event: RunRequest['event'] = { id: e.id, type: e.type, object: e.object, recordId: e.recordId, payload: e.payload, requestId: e.requestId };
    const failures: unknown[] = [];
    const attempt = (work: () => Promise<void>) => work().catch((error) => void failures.push(error));

    if (e.type === AUTOMATION_DUE) await attempt(() => this.due(meta, e, event, job.attempt, attempt));
    if (HANDED_ON.has(e.type)) await attempt(() => this.handedOn(e, event, job.attempt));
    for (const c of this.catalog.concerned(meta, e.type, e.object)) {
      if (relativeTriggerOf(c.automation) && e.type !== AUTOMATION_DUE) await attempt(() => this.rearm(c, event));
      if (e.type !== AUTOMATION_DUE && !relativeTriggerOf(c.automation) && c.automation.object === e.object && e.recordId && listensTo(c.automation, e.type)) {
        const recordId = e.recordId;
        await attempt(() => this.runner.run({ subject: subjectOf(c), event, object: c.automation.object, recordId, runKey: `${c.automation.key}:${e.id}`, attempt: job.attempt }));
      }
    }
    if (failures.length) throw failures[0];
  }

  /** A schedule's occurrence (every matching record) or a relative timer (its record). */
  private async due(meta: PublishedMetadata, e: JobEvent, event: RunRequest['event'], attemptNo: number, attempt: (w: () => Promise<void>) => Promise<void>): Promise<void> {
    const c = this.catalog.byKey(meta, String(e.payload.automation));
    if (!c || !e.object) return;
    const subject = subjectOf(c);
    if (e.payload.trigger === 'relative' && e.recordId) {
      const recordId = e.recordId;
      await this.runner.run({ subject, event, object: e.object, recordId, runKey: String(e.payload.runKey ?? `${c.automation.key}:${e.id}`), attempt: attemptNo });
      return;
    }
    if (e.payload.trigger !== 'schedule' || c.automation.trigger.on !== 'schedule') return;
    const where = (c.automation.trigger.where ?? []) as CompareCondition[];
    const filter = where.length ? { and: where.map((w) => (w.op === 'isEmpty' || w.op === 'notEmpty' ? { field: w.field, op: 'isEmpty', value: w.op === 'isEmpty' } : { field: w.field, op: w.op, value: w.value })) } : undefined;
    let cursor: string | undefined;
    do {
      const page = await this.reads.list(SYSTEM_ACTOR, e.object, { ...(filter && { filter }), sort: 'id', limit: SCHEDULE_PAGE, ...(cursor && { cursor }) });
      for (const record of page.items) {
        const recordId = String(record.id);
        const dueEvent = { ...event, recordId };
        await attempt(() => this.runner.run({ subject, event: dueEvent, object: e.object!, recordId, runKey: `schedule:${c.automation.key}:${String(e.payload.occurrence)}:${recordId}`, attempt: attemptNo }));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private async handedOn(e: JobEvent, event: RunRequest['event'], attempt: number): Promise<void> {
    if (!e.object || !e.recordId) return;
    const actions: Action[] = e.type === 'stage.overdue' ? ((e.payload.actions as Action[] | undefined) ?? []) : e.payload.action ? [e.payload.action as Action] : [];
    if (actions.length === 0) return;
    const subject: RunSubject =
      e.type === 'stage.overdue'
        ? { name: 'stage.timeout', document: `pipeline:${String(e.payload.pipeline)}`, actionsPath: `/stages/${String(e.payload.stage)}/timeout/actions`, actions, trigger: 'stageOverdue' }
        : { name: 'approval.outcome', document: `approvalFlow:${String(e.payload.flow)}`, actionsPath: `/${e.payload.outcome === 'rejected' ? 'onRejected' : 'onApproved'}`, actions, trigger: 'approvalFinished' };
    await this.runner.run({ subject, event, object: e.object, recordId: e.recordId, runKey: `${subject.name}:${e.id}`, attempt });
  }

  private async rearm(c: CompiledAutomation, event: AutomationEvent): Promise<void> {
    const plan = await this.relative.plan(c, event);
    if (!plan) return;
    await this.jobs.once('automation.arm', `${c.automation.key}:${event.id}`, (m) => this.relative.arm(m, c.automation.key, c.automation.object, plan));
  }
}
