import { Injectable } from '@nestjs/common';
import { compileApprovalFlow, ExpressionCache, ExpressionError, selectSteps, startApproval, type ApprovalStartProblem } from '@tessera/engine';
import { validateDocument, type ApprovalFlowDefinition, type Label } from '@tessera/metadata';
import { UserError } from '../common/errors/user.error';
import type { ErrorItem } from '../common/errors/error-item';
import { uuidv7 } from '../common/uuid7';
import type { Actor } from '../identity/actor';
import { IdentityService } from '../identity/identity.service';
import { isUuid } from '../common/uuid';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import type { RecordData } from '../records/record-row.convert';
import { ApprovalStartPreparer } from './approval-start.prepare';

export interface SimulatedApprover {
  id: string;
  username: string;
  displayName: string;
}

/** One step of the simulated flow: whether it applies to the record and who would decide it. */
export interface SimulatedStep {
  key: string;
  label: Label;
  index: number;
  applies: boolean;
  mode: 'any' | 'all' | 'quorum' | 'sequential';
  quorum?: number;
  approvers: SimulatedApprover[];
  /** Set on a step that applies but cannot start (resolves to nobody, quorum out of reach, condition error). */
  problem?: string;
}

export interface SimulationResult {
  /** pending: the first applicable step would open; approved: no step applies, the flow approves at once. */
  outcome: 'pending' | 'approved';
  steps: SimulatedStep[];
}

const problem = (path: string, code: string, message: string): UserError =>
  new UserError({ status: 422, code: 'approval-simulation-invalid', title: 'The simulation request is invalid', errors: [{ path, code, message }] });

/**
 * POST /api/approvals/simulate: the route a flow (typically the designer's draft) would
 * take for a made-up record owned by a given user. The same engine start and the same
 * approver resolution as a real submit (ApprovalStartPreparer), on a record that exists
 * nowhere: nothing is written. Problems of the start come back as 422 with pointers into
 * the request (`/flow/steps/1/approvers`) and the steps resolved so far.
 */
@Injectable()
export class ApprovalSimulateService {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly preparer: ApprovalStartPreparer,
    private readonly identity: IdentityService,
  ) {}

  async simulate(actor: Actor, body: unknown): Promise<SimulationResult> {
    const { flow, record, ownerId } = this.read(body);
    const meta = await this.runtime.get();
    const object = meta.object(flow.object);
    if (!object) throw problem('/flow/object', 'ref.unknown-object', `object ${flow.object} is not published`);
    const owner = await this.identity.user(ownerId);
    if (!owner || owner.disabled) throw problem('/ownerId', 'user.unknown', 'not an enabled user');

    let compiled;
    try {
      // A cache of its own: draft expressions must not pile up in the published version's cache.
      compiled = compileApprovalFlow(flow, {
        object,
        pipeline: meta.ofKind('pipeline').find((p) => p.object === flow.object),
        expressions: new ExpressionCache(),
        version: meta.version,
        labels: { object: (k) => meta.object(k), flow: (k) => meta.document('approvalFlow', k)?.label },
      });
    } catch (e) {
      if (e instanceof ExpressionError) throw problem(`/flow${e.path}`, e.code, e.message);
      throw e;
    }
    const snapshot = { ...record, id: uuidv7(), owner_id: owner.id, org_unit_id: owner.orgUnitId } as RecordData;
    const prepared = await this.preparer.prepare({ compiled, flow, meta }, snapshot);
    const selected = await selectSteps(compiled, { record: snapshot, facts: prepared.facts });
    const started = await startApproval(compiled, { record: snapshot, recordId: String(snapshot.id), facts: prepared.facts, submittedBy: actor.userId, approvers: prepared.approvers }, { now: new Date().toISOString(), newId: uuidv7 });

    const ids = selected.applies.flatMap((i) => prepared.approvers[flow.steps[i].key] ?? []);
    const users = new Map((await this.identity.usersByIds(ids)).map((u) => [u.id, u]));
    const problems: ApprovalStartProblem[] = started.ok ? [] : started.problems;
    const steps = flow.steps.map((step, index): SimulatedStep => {
      const applies = selected.applies.includes(index);
      const mode = step.mode ?? 'any';
      const found = problems.find((p) => p.path.startsWith(`/steps/${index}/`));
      return {
        key: step.key,
        label: step.label,
        index,
        applies,
        mode,
        ...(mode === 'quorum' && { quorum: step.quorum ?? 1 }),
        approvers: applies
          ? (prepared.approvers[step.key] ?? []).flatMap((id) => {
              const u = users.get(id);
              return u ? [{ id: u.id, username: u.username, displayName: u.displayName }] : [];
            })
          : [],
        ...(found && { problem: found.message }),
      };
    });
    if (!started.ok) {
      throw new UserError({
        status: 422,
        code: 'approval-invalid',
        title: 'The approval would not start',
        detail: problems.map((p) => p.message).join('; '),
        errors: problems.map((p) => ({ path: `/flow${p.path}`, code: p.code, message: p.message })),
        extensions: { steps },
      });
    }
    return { outcome: selected.applies.length === 0 ? 'approved' : 'pending', steps };
  }

  private read(body: unknown): { flow: ApprovalFlowDefinition; record: Record<string, unknown>; ownerId: string } {
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    const errors: ErrorItem[] = [];
    const checked = validateDocument(b.flow);
    if (b.flow === undefined) errors.push({ path: '/flow', code: 'required', message: 'flow (an approvalFlow document) is required' });
    else if (!checked.valid) errors.push(...checked.issues.map((i) => ({ path: `/flow${i.path}`, code: i.code, message: i.message })));
    else if (checked.document.kind !== 'approvalFlow') errors.push({ path: '/flow/kind', code: 'const', message: 'flow must be an approvalFlow document' });
    const record = b.record ?? {};
    if (typeof record !== 'object' || record === null || Array.isArray(record)) errors.push({ path: '/record', code: 'type', message: 'record must be an object of field values' });
    if (!isUuid(b.ownerId)) errors.push({ path: '/ownerId', code: b.ownerId === undefined ? 'required' : 'format', message: 'ownerId must be a user id' });
    if (errors.length) throw new UserError({ status: 422, code: 'approval-simulation-invalid', title: 'The simulation request is invalid', errors });
    // System fields come from the owner, not from the request.
    const { id: _id, owner_id: _o, org_unit_id: _u, ...fields } = record as Record<string, unknown>;
    return { flow: (checked as { document: ApprovalFlowDefinition }).document, record: fields, ownerId: (b.ownerId as string).toLowerCase() };
  }
}
