import { Injectable } from '@nestjs/common';
import { actOnApproval, rowMatches, startApproval, type ApprovalAction, type ApprovalClock, type ApprovalState, type ApprovalTransition } from '@tessera/engine';
import type { Action } from '@tessera/metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { UserError } from '../common/errors/user.error';
import { uuidv7 } from '../common/uuid7';
import { AccessService } from '../identity/access.service';
import { SYSTEM_ACTOR, type Actor } from '../identity/actor';
import { IdentityService } from '../identity/identity.service';
import { RecordReadService } from '../records/record-read.service';
import type { RecordData } from '../records/record-row.convert';
import { alreadyPending, approvalRefused, bodyInvalid, instanceNotFound, taskNotFound } from './approval-errors';
import { ApprovalFlowCatalog, type FlowEntry } from './approval-flow.catalog';
import { NO_PREPARED_OUTCOME, type PreparedOutcome } from './approval-outcome.runner';
import { ApprovalStartPreparer, type PreparedStart } from './approval-start.prepare';
import { ApprovalTransitionWriter } from './approval-transition.writer';
import { ApprovalRepository, type InstanceRow } from './approval.repository';
import { PrincipalsResolver } from './principals/principals.resolve';

/** A task action as the API takes it (the task and the actor come from the route and the session). */
export type TaskActionBody =
  | { kind: 'approve'; comment?: string }
  | { kind: 'reject'; comment?: string }
  | { kind: 'return'; to?: 'submitter' | 'previous'; comment?: string }
  | { kind: 'transfer'; to: string; comment?: string }
  | { kind: 'addApprover'; user: string; position?: 'before' | 'after'; comment?: string }
  | { kind: 'comment'; comment?: string };

/** Everything an action on an existing instance needs from lookups, read before its transaction. */
export interface PreparedAction {
  row: InstanceRow;
  entry: FlowEntry;
  record: RecordData;
  outcome: PreparedOutcome;
}

const MAX_COMMENT = 2000;
const SUBMIT_ATTEMPTS = 3;

const clock = (): ApprovalClock => ({ now: new Date().toISOString(), newId: uuidv7 });
const isUniqueViolation = (e: unknown) => (e as { code?: string; driverError?: { code?: string } }).code === '23505' || (e as { driverError?: { code?: string } }).driverError?.code === '23505';

/**
 * Approval runtime: submit, act, recall, and the timer-driven escalations. Every change
 * is one transaction that locks the instance row (SELECT … FOR UPDATE), runs the engine
 * on the flow version the instance is pinned to, and writes state, tasks, timeline and
 * effects together. Lookups (approvers, managers, recipients, the flow version) happen
 * before the transaction.
 */
@Injectable()
export class ApprovalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ApprovalRepository,
    private readonly catalog: ApprovalFlowCatalog,
    private readonly preparer: ApprovalStartPreparer,
    private readonly writer: ApprovalTransitionWriter,
    private readonly principals: PrincipalsResolver,
    private readonly records: RecordReadService,
    private readonly access: AccessService,
    private readonly identity: IdentityService,
  ) {}

  /** POST …/records/:id/approvals: the submitter must be allowed to submit the flow and to edit the record. */
  async submit(actor: Actor, objectKey: string, recordId: string, flowKey: unknown, requestId?: string): Promise<string> {
    if (typeof flowKey !== 'string' || flowKey.length === 0) throw bodyInvalid('/flow', 'flow.required', 'name the approval flow to submit to');
    const entry = await this.catalog.current(flowKey, objectKey);
    const start = entry.flow.start ?? {};
    if (start.manual === false) throw new UserError({ status: 422, code: 'flow-not-manual', title: 'This flow starts automatically', detail: `${flowKey} cannot be submitted by hand`, errors: [{ path: '/flow', code: 'flow.not_manual', message: 'the flow starts on stage entry or on save' }] });
    if (start.submitters?.length && !actor.isAdmin && !start.submitters.some((r) => actor.roles.includes(r))) {
      throw new UserError({ status: 403, code: 'submit-forbidden', title: 'You may not submit this approval', detail: `${flowKey} is submitted by ${start.submitters.join(', ')}` });
    }
    const access = await this.access.require(actor, objectKey, 'update');
    for (let attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
      const snapshot = await this.records.get(SYSTEM_ACTOR, objectKey, recordId);
      if (!rowMatches(access.byAction.update ?? access.write, snapshot)) {
        if (rowMatches(access.read, snapshot)) throw new UserError({ status: 403, code: 'record-forbidden', title: 'You may not submit this record', detail: `${objectKey} ${recordId} is outside the rows you may change` });
        throw new UserError({ status: 404, code: 'record-not-found', title: 'Record not found', detail: `No ${objectKey} record ${recordId} that you can see` });
      }
      const prepared = await this.preparer.prepare(entry, snapshot);
      const id = await this.inTransaction(async (m) => {
        const locked = await this.records.lockForSystem(m, objectKey, recordId);
        if (!locked) throw new UserError({ status: 404, code: 'record-not-found', title: 'Record not found', detail: `No ${objectKey} record ${recordId}` });
        // Approvers were looked up on the snapshot: route on exactly what is locked, or look again.
        if (locked.version !== snapshot.version) return undefined;
        return this.startLocked(m, prepared, locked, actor.userId, requestId, actor.locale);
      });
      if (id) return id;
    }
    throw new UserError({ status: 409, code: 'record-busy', title: 'The record keeps changing', detail: 'It changed while the approval was being prepared; try again.' });
  }

  /**
   * Starts a prepared flow on a record locked in `m` (a submit, an automatic start, a
   * flow chained from another's outcome). Refuses with 409 while an instance of the flow
   * is pending, with 422 when the engine refuses (entry criteria, nobody to approve).
   */
  async startLocked(m: EntityManager, prepared: PreparedStart, record: RecordData, submittedBy: string, requestId?: string, locale: Actor['locale'] = 'zh-CN'): Promise<string> {
    const { entry } = prepared;
    const recordId = String(record.id);
    const pending = (await this.repo.pendingOn(m, entry.flow.object, recordId)).find((i) => i.flow === entry.flow.key);
    if (pending) throw alreadyPending(entry.flow.key, pending);
    const result = await startApproval(entry.compiled, { record, recordId, facts: prepared.facts, submittedBy, approvers: prepared.approvers }, clock());
    if (!result.ok) throw approvalRefused(result.problems, 'The approval cannot start', locale);
    const instanceId = uuidv7();
    await m.query(`SAVEPOINT approval_start`);
    try {
      await this.writer.write(m, this.subject(entry, instanceId, undefined, [], record, submittedBy, requestId, NO_PREPARED_OUTCOME), result);
    } catch (error) {
      await m.query(`ROLLBACK TO SAVEPOINT approval_start`);
      if (!isUniqueViolation(error)) throw error;
      // Another submit of the same flow won the race.
      const winner = (await this.repo.pendingOn(m, entry.flow.object, recordId)).find((i) => i.flow === entry.flow.key);
      throw winner ? alreadyPending(entry.flow.key, winner) : new UserError({ status: 409, code: 'approval-pending', title: 'An approval of this flow is already running on the record' });
    }
    await m.query(`RELEASE SAVEPOINT approval_start`);
    return instanceId;
  }

  /** An action on a task by its assignee (or a comment). Returns the instance id. */
  async act(actor: Actor, taskId: string, body: TaskActionBody, requestId?: string): Promise<string> {
    const instanceId = await this.repo.instanceIdOfTask(this.dataSource, taskId);
    if (!instanceId) throw taskNotFound(taskId);
    const action = await this.toAction(actor, taskId, body);
    await this.run(instanceId, action, actor.userId, requestId, actor.locale);
    return instanceId;
  }

  /** 撤回 by the submitter. */
  async recall(actor: Actor, instanceId: string, comment: unknown, requestId?: string): Promise<void> {
    if (comment !== undefined && (typeof comment !== 'string' || comment.length > MAX_COMMENT)) throw bodyInvalid('/comment', 'comment.invalid', `a text of at most ${MAX_COMMENT} characters`);
    await this.run(instanceId, { kind: 'recall', actor: actor.userId, ...(comment ? { comment } : {}) }, actor.userId, requestId, actor.locale);
  }

  /** Reads what an action on the instance needs (pinned flow, record, outcome recipients) before its transaction. */
  async prepare(instanceId: string): Promise<PreparedAction | undefined> {
    const row = await this.repo.find(this.dataSource, instanceId);
    if (!row) return undefined;
    const entry = await this.catalog.pinned(row.flow, row.flowVersion);
    const record = await this.records.get(SYSTEM_ACTOR, row.object, row.recordId).catch(() => ({ id: row.recordId }) as RecordData);
    const outcome = row.state === 'pending' ? await this.prepareOutcome(entry, record) : NO_PREPARED_OUTCOME;
    return { row, entry, record, outcome };
  }

  /**
   * Applies an engine action to a prepared instance inside `m`: lock, load tasks, act,
   * write. Refusals throw; a transition that changes nothing (a stale timer) writes nothing.
   */
  async applyLocked(m: EntityManager, prepared: PreparedAction, action: ApprovalAction | ((state: ApprovalState) => ApprovalAction), actorId: string | null, requestId?: string, locale: Actor['locale'] = 'zh-CN'): Promise<ApprovalTransition | undefined> {
    const row = await this.repo.lock(m, prepared.row.id);
    if (!row) throw instanceNotFound(prepared.row.id);
    const entry = row.flowVersion === prepared.entry.compiled.version ? prepared.entry : await this.catalog.pinned(row.flow, row.flowVersion);
    const tasks = (await this.repo.tasksOf(m, [row.id])).get(row.id) ?? [];
    const state: ApprovalState = { ...row.data, tasks };
    const result = actOnApproval(entry.flow, state, typeof action === 'function' ? action(state) : action, clock());
    if (!result.ok) throw approvalRefused(result.problems, 'The approval action was refused', locale);
    if (result.events.length === 0 && result.effects.length === 0) return undefined;
    await this.writer.write(m, this.subject(entry, row.id, row, tasks, prepared.record, actorId, requestId, prepared.outcome), result);
    return result;
  }

  private async run(instanceId: string, action: ApprovalAction, actorId: string, requestId: string | undefined, locale: Actor['locale']): Promise<void> {
    const prepared = await this.prepare(instanceId);
    if (!prepared) throw instanceNotFound(instanceId);
    await this.inTransaction((m) => this.applyLocked(m, prepared, action, actorId, requestId, locale));
  }

  private subject(entry: FlowEntry, instanceId: string, row: InstanceRow | undefined, previousTasks: ApprovalState['tasks'], record: RecordData, actorId: string | null, requestId: string | undefined, prepared: PreparedOutcome) {
    return { entry, instanceId, row, previousTasks, record, actorId, requestId, prepared, start: (m: EntityManager, p: PreparedStart, by: string) => this.startChained(m, p, by, requestId) };
  }

  /** A flow started by another's outcome: on the record as locked now, with approvers prepared beforehand. */
  private async startChained(m: EntityManager, prepared: PreparedStart, submittedBy: string, requestId?: string): Promise<string> {
    const record = await this.records.lockForSystem(m, prepared.entry.flow.object, String(prepared.snapshot.id));
    if (!record) throw new Error('the record is gone');
    return this.startLocked(m, prepared, record, submittedBy, requestId);
  }

  /** Recipients of notify actions and chained flows of both outcomes, resolved on the current record. */
  private async prepareOutcome(entry: FlowEntry, record: RecordData): Promise<PreparedOutcome> {
    const out: PreparedOutcome = { recipients: {}, starts: {} };
    const ctx = this.principals.context(record);
    const lists: Array<['approved' | 'rejected', Action[] | undefined]> = [['approved', entry.flow.onApproved], ['rejected', entry.flow.onRejected]];
    for (const [outcome, actions] of lists) {
      for (const [i, a] of (actions ?? []).entries()) {
        if (a.kind === 'notify') (out.recipients[outcome] ??= {})[i] = await this.principals.resolve(a.to, ctx);
        if (a.kind === 'startApproval') {
          const chained = await this.catalog.current(a.flow, entry.flow.object).catch(() => undefined);
          if (chained) (out.starts[outcome] ??= {})[i] = await this.preparer.prepare(chained, record);
        }
      }
    }
    return out;
  }

  private async toAction(actor: Actor, taskId: string, body: TaskActionBody): Promise<ApprovalAction> {
    const comment = body.comment;
    if (comment !== undefined && (typeof comment !== 'string' || comment.length > MAX_COMMENT)) throw bodyInvalid('/comment', 'comment.invalid', `a text of at most ${MAX_COMMENT} characters`);
    const base = { taskId, actor: actor.userId, ...(comment !== undefined && { comment }) };
    switch (body.kind) {
      case 'approve':
      case 'reject':
      case 'comment':
        return { kind: body.kind, ...base };
      case 'return':
        if (body.to !== undefined && body.to !== 'submitter' && body.to !== 'previous') throw bodyInvalid('/to', 'return.target', 'return to "submitter" or "previous"');
        return { kind: 'return', ...base, to: body.to ?? 'submitter' };
      case 'transfer':
        return { kind: 'transfer', ...base, to: await this.enabledUser(body.to, '/to') };
      case 'addApprover':
        if (body.position !== undefined && body.position !== 'before' && body.position !== 'after') throw bodyInvalid('/position', 'add-approver.position', 'position is "before" or "after"');
        return { kind: 'addApprover', ...base, user: await this.enabledUser(body.user, '/user'), position: body.position ?? 'after' };
    }
  }

  private async enabledUser(id: unknown, path: string): Promise<string> {
    const user = typeof id === 'string' ? await this.identity.user(id) : null;
    if (!user || user.disabled) throw bodyInvalid(path, 'user.unknown', 'not an enabled user');
    return user.id;
  }

  private inTransaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
