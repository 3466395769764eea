import { Injectable } from '@nestjs/common';
import { rowMatches, type ApprovalTask } from '@tessera/engine';
import type { Label } from '@tessera/metadata';
import { DataSource } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import { AccessService } from '../identity/access.service';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';
import { IdentityService } from '../identity/identity.service';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import { instanceNotFound } from './approval-errors';
import { ApprovalFlowCatalog, type FlowEntry } from './approval-flow.catalog';
import { ApprovalRepository, type EventRow, type InboxRow, type InstanceRow } from './approval.repository';

export type InboxState = 'pending' | 'submitted' | 'handled';

const plain = (s: string): Label => ({ 'zh-CN': s, en: s });
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const LIMIT = 100;

interface Names {
  get(id: string | null | undefined): string | null;
}

/** What the record of an approval looks like in an inbox row or an instance: its id and title. */
export interface RecordSummary {
  object: string;
  objectLabel: Label;
  id: string;
  /** The title field's value; null when the object has none or the reader may not see that field. */
  title: string | null;
}

/**
 * The approval reads: the inbox, one instance, a record's approvals and timeline.
 *
 * Who sees what: an instance is visible to its submitter, to everyone who holds or held
 * one of its tasks, to readers of the record (row scope), and to holders of the
 * approvalAdmin capability. The record summary (its title) is shown to those same
 * people: an approver sees the title of the record they must decide on even outside
 * their normal read scope, but a field hidden from them by their roles stays hidden.
 * The inbox lists only tasks the caller may act on now (pending; not waiting for an
 * added approver, not queued behind earlier approvers of a sequential step).
 */
@Injectable()
export class ApprovalReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ApprovalRepository,
    private readonly catalog: ApprovalFlowCatalog,
    private readonly records: RecordReadService,
    private readonly access: AccessService,
    private readonly identity: IdentityService,
  ) {}

  async inbox(actor: Actor, state: unknown) {
    const which = (state ?? 'pending') as InboxState;
    if (!['pending', 'submitted', 'handled'].includes(which)) {
      throw new UserError({ status: 400, code: 'query-invalid', title: 'Unknown inbox', errors: [{ path: '/state', code: 'state.invalid', message: 'state is pending, submitted or handled' }] });
    }
    if (which === 'submitted') {
      const rows = await this.repo.submittedBy(actor.userId, LIMIT);
      const tasks = await this.repo.tasksOf(this.dataSource, rows.map((r) => r.id));
      const names = await this.names([...rows.map((r) => r.submittedBy), ...[...tasks.values()].flat().map((t) => t.assignee)]);
      return { items: await Promise.all(rows.map(async (r) => ({ instance: await this.instanceSummary(r, names), pendingWith: (tasks.get(r.id) ?? []).filter((t) => t.state === 'pending').map((t) => ({ id: t.assignee, name: names.get(t.assignee) })), record: await this.summary(actor, r) }))) };
    }
    const rows = which === 'pending' ? await this.repo.pendingTasksOf(actor.userId, LIMIT) : await this.repo.handledTasksOf(actor.userId, LIMIT);
    const names = await this.names(rows.map((r) => r.instance.submittedBy));
    return { items: await Promise.all(rows.map(async (r: InboxRow) => ({ task: this.taskView(r.task, names), instance: await this.instanceSummary(r.instance, names), record: await this.summary(actor, r.instance) }))) };
  }

  /** One instance with its route, tasks and timeline. */
  async instance(actor: Actor, id: string) {
    const row = await this.repo.find(this.dataSource, id);
    if (!row || !(await this.maySee(actor, row))) throw instanceNotFound(id);
    const [view] = await this.views(actor, [row]);
    return view;
  }

  /** GET …/records/:id/approvals: every instance on the record, and the timeline across them. */
  async forRecord(actor: Actor, objectKey: string, recordId: string) {
    const access = await this.access.objectAccess(actor, objectKey);
    const rows = await this.repo.forRecord(this.dataSource, objectKey, recordId);
    const record = await this.records.get(SYSTEM_ACTOR, objectKey, recordId).catch(() => undefined);
    const reads = record !== undefined && access.actions.has('read') && rowMatches(access.read, record);
    const admin = record !== undefined && (await this.access.capabilities(actor)).includes('approvalAdmin');
    const visible = reads || admin ? rows : await this.filterVisible(actor, rows);
    if (!reads && !admin && visible.length === 0) throw new UserError({ status: 404, code: 'record-not-found', title: 'Record not found', detail: `No ${objectKey} record ${recordId} that you can see` });
    const views = await this.views(actor, visible);
    const timeline = views.flatMap((v) => v.timeline.map((e) => ({ ...e, instanceId: v.id, flow: v.flow }))).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { instances: views.map(({ timeline: _t, ...v }) => v), timeline };
  }

  private async filterVisible(actor: Actor, rows: InstanceRow[]): Promise<InstanceRow[]> {
    const out: InstanceRow[] = [];
    for (const r of rows) if (r.submittedBy === actor.userId || (await this.repo.isParticipant(this.dataSource, r.id, actor.userId))) out.push(r);
    return out;
  }

  private async maySee(actor: Actor, row: InstanceRow): Promise<boolean> {
    if (row.submittedBy === actor.userId || (await this.repo.isParticipant(this.dataSource, row.id, actor.userId))) return true;
    if ((await this.access.capabilities(actor)).includes('approvalAdmin')) return true;
    const access = await this.access.objectAccess(actor, row.object);
    if (!access.actions.has('read')) return false;
    const record = await this.records.get(SYSTEM_ACTOR, row.object, row.recordId).catch(() => undefined);
    return record !== undefined && rowMatches(access.read, record);
  }

  private async views(actor: Actor, rows: InstanceRow[]) {
    const tasks = await this.repo.tasksOf(this.dataSource, rows.map((r) => r.id));
    const events = await this.repo.eventsOf(this.dataSource, rows.map((r) => r.id));
    const names = await this.names([
      ...rows.map((r) => r.submittedBy),
      ...[...tasks.values()].flat().map((t) => t.assignee),
      ...events.map((e) => e.actor),
      ...events.flatMap((e) => [e.data?.to, e.data?.user]).filter((x): x is string => typeof x === 'string'),
    ]);
    return Promise.all(
      rows.map(async (r) => {
        const entry = await this.entryOf(r);
        const stepLabel = (key: string | undefined) => (key ? (entry?.flow.steps.find((s) => s.key === key)?.label ?? plain(key)) : undefined);
        return {
          ...(await this.instanceSummary(r, names, entry)),
          route: r.data.route.map((s) => ({ step: s.key, label: stepLabel(s.key), mode: s.mode, ...(s.quorum !== undefined && { quorum: s.quorum }), approvers: s.approvers.map((a) => ({ id: a, name: names.get(a) })) })),
          tasks: (tasks.get(r.id) ?? []).map((t) => ({ ...this.taskView(t, names), stepLabel: stepLabel(t.step) })),
          canRecall: r.state === 'pending' && r.submittedBy === actor.userId && !r.data.decided,
          record: await this.summary(actor, r),
          timeline: events.filter((e) => e.instanceId === r.id).map((e) => this.eventView(e, names, stepLabel)),
        };
      }),
    );
  }

  private async instanceSummary(r: InstanceRow, names: Names, known?: FlowEntry) {
    const entry = known ?? (await this.entryOf(r));
    return {
      id: r.id,
      flow: r.flow,
      flowLabel: entry?.flow.label ?? plain(r.flow),
      flowVersion: r.flowVersion,
      object: r.object,
      recordId: r.recordId,
      state: r.state,
      outcome: r.outcome,
      currentStep: r.currentStep,
      currentStepLabel: r.currentStep ? (entry?.flow.steps.find((s) => s.key === r.currentStep)?.label ?? plain(r.currentStep)) : null,
      submittedBy: { id: r.submittedBy, name: names.get(r.submittedBy) },
      submittedAt: iso(r.submittedAt),
      finishedAt: iso(r.finishedAt),
      href: `/api/approvals/instances/${r.id}`,
    };
  }

  private taskView(t: ApprovalTask, names: Names) {
    return { id: t.id, step: t.step, round: t.round, slot: t.slot, order: t.seq, assignee: { id: t.assignee, name: names.get(t.assignee) }, state: t.state, origin: t.origin, createdAt: t.createdAt, actedAt: t.actedAt ?? null, action: t.action ?? null, comment: t.comment ?? null };
  }

  private eventView(e: EventRow, names: Names, stepLabel: (k: string | undefined) => Label | undefined) {
    return { type: e.type, at: e.at, actor: e.actor ? { id: e.actor, name: names.get(e.actor) } : null, step: e.step ?? null, stepLabel: stepLabel(e.step) ?? null, round: e.round ?? null, taskId: e.taskId ?? null, comment: e.comment ?? null, data: e.data ?? {} };
  }

  /** The record's id and title for someone involved in one of its approvals (hidden fields stay hidden). */
  private async summary(actor: Actor, r: InstanceRow): Promise<RecordSummary> {
    const entry = await this.entryOf(r);
    const object = entry?.compiled.object;
    const titleField = object?.titleField;
    let title: string | null = null;
    if (titleField) {
      const access = await this.access.objectAccess(actor, r.object);
      if (!access.hidden.has(titleField)) {
        const record: RecordData | undefined = await this.records.get(SYSTEM_ACTOR, r.object, r.recordId).catch(() => undefined);
        const v = record?.[titleField];
        title = v === null || v === undefined ? null : String(v);
      }
    }
    return { object: r.object, objectLabel: object?.label ?? plain(r.object), id: r.recordId, title };
  }

  private async entryOf(r: InstanceRow): Promise<FlowEntry | undefined> {
    return this.catalog.pinned(r.flow, r.flowVersion).catch(() => undefined);
  }

  private async names(ids: ReadonlyArray<string | null | undefined>): Promise<Names> {
    const users = await this.identity.usersByIds(ids.filter((i): i is string => typeof i === 'string'));
    const byId = new Map(users.map((u) => [u.id, u.displayName]));
    return { get: (id) => (id ? (byId.get(id) ?? null) : null) };
  }
}
