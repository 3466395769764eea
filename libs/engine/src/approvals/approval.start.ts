import type { Label, Principal } from '@tessera/metadata';
import type { ApprovalProblem, ApprovalClock, ApprovalResult, ApprovalState, RouteStep } from './approval-state';
import type { CompiledApprovalFlow } from './approval-flow.compile';
import { closeDraft, emit, openDraft } from './approval.draft';
import { activateStep, finish } from './approval-step.progress';
import type { CompiledCondition, ConditionOutcome, GateInput, UnmetCondition } from '../pipelines/condition-kind';
import { EMPTY_FACTS, type GateFacts } from '../pipelines/gate-facts';

export interface ApprovalStartInput {
  /** The record in its API JSON form. */
  record: Readonly<Record<string, unknown>>;
  recordId: string;
  facts?: GateFacts;
  submittedBy: string;
  /**
   * The approvers of each step by step key, resolved by the server from the step's
   * principals (role in the owner's unit chain, manager, user field, ...). Only the steps
   * that apply are read.
   */
  approvers: Readonly<Record<string, readonly string[]>>;
}

/** A problem of a submit; `unmet` carries the localized messages of unmet entry criteria. */
export interface ApprovalStartProblem extends ApprovalProblem {
  unmet?: UnmetCondition[];
}

export type ApprovalStartResult = ApprovalResult | { ok: false; problems: ApprovalStartProblem[] };

const check = async (c: CompiledCondition, input: GateInput): Promise<ConditionOutcome> => c.check(input);

const en = (l: Label) => l.en;

/** Which steps apply to the record (their conditions: amount tiers), in flow order. */
export async function selectSteps(compiled: CompiledApprovalFlow, input: GateInput): Promise<{ applies: number[]; skipped: number[]; problems: ApprovalStartProblem[] }> {
  const applies: number[] = [];
  const skipped: number[] = [];
  const problems: ApprovalStartProblem[] = [];
  for (const s of compiled.steps) {
    const unmet = s.when ? await check(s.when, input) : undefined;
    const failed = unmet?.find((u) => u.error);
    // A condition that cannot be evaluated never silently skips an approval step.
    if (failed) problems.push({ kind: 'invalid', code: 'approval.condition-error', path: `/steps/${s.index}/when`, message: `step ${s.step.key}: ${failed.error!.message}` });
    else if (unmet === undefined) applies.push(s.index);
    else skipped.push(s.index);
  }
  return { applies, skipped, problems };
}

/**
 * Starts an approval: checks the entry criteria, picks the steps whose conditions hold,
 * fixes their approvers (a step that applies but resolves to nobody, or to fewer than its
 * quorum, refuses the submit with a pointer to the step), and opens the first step.
 * No step applying approves at once.
 */
export async function startApproval(compiled: CompiledApprovalFlow, input: ApprovalStartInput, clock: ApprovalClock): Promise<ApprovalStartResult> {
  const { flow } = compiled;
  const gate: GateInput = { record: input.record, facts: input.facts ?? EMPTY_FACTS };
  if (compiled.entry) {
    const unmet = await check(compiled.entry, gate);
    if (unmet) {
      return {
        ok: false,
        problems: [{ kind: 'invalid', code: 'approval.entry', path: '/start/when', message: `the record does not meet the entry criteria of ${flow.key}: ${unmet.map((u) => en(u.message)).join('; ')}`, unmet: [...unmet] }],
      };
    }
  }
  const selected = await selectSteps(compiled, gate);
  const problems: ApprovalStartProblem[] = [...selected.problems];
  const route: RouteStep[] = [];
  for (const index of selected.applies) {
    const step = flow.steps[index];
    const approvers = [...new Set(input.approvers[step.key] ?? [])];
    const mode = step.mode ?? 'any';
    if (approvers.length === 0) {
      problems.push({ kind: 'invalid', code: 'approval.no-approvers', path: `/steps/${index}/approvers`, message: `step ${step.key} (${step.label.en}) applies, but its approvers resolve to nobody: ${describePrincipals(step.approvers)}` });
    } else if (mode === 'quorum' && approvers.length < (step.quorum ?? 1)) {
      problems.push({ kind: 'invalid', code: 'approval.quorum-unreachable', path: `/steps/${index}/quorum`, message: `step ${step.key} needs ${step.quorum} approvals but its approvers resolve to ${approvers.length} user(s)` });
    }
    route.push({ key: step.key, index, mode, ...(mode === 'quorum' && { quorum: step.quorum ?? 1 }), approvers });
  }
  if (problems.length > 0) return { ok: false, problems };

  const state: ApprovalState = {
    flow: flow.key,
    flowVersion: compiled.version,
    object: flow.object,
    recordId: input.recordId,
    status: 'pending',
    route,
    current: null,
    round: 0,
    taskCount: 0,
    submittedBy: input.submittedBy,
    submittedAt: clock.now,
    decided: false,
    tasks: [],
  };
  const d = openDraft(flow, state, clock);
  emit(d, { type: 'submitted', actor: input.submittedBy, data: { flow: flow.key, version: compiled.version, route: route.map((r) => ({ step: r.key, mode: r.mode, approvers: r.approvers })) } });
  for (const index of selected.skipped) emit(d, { type: 'step.skipped', actor: null, step: flow.steps[index].key, data: { reason: 'condition' } });
  if (route.length === 0) finish(d, 'approved', null, { reason: 'no step applies' });
  else activateStep(d, 0);
  return closeDraft(d);
}

/** The principals of a step in words, for the "resolves to nobody" message. */
export function describePrincipals(principals: readonly Principal[]): string {
  const one = (p: Principal): string => {
    switch (p.kind) {
      case 'role':
        return p.scope === 'anywhere' ? `any holder of role ${p.role}` : p.scope === 'ownerUnit' ? `role ${p.role} in the owner's unit` : `role ${p.role} in the owner's unit chain`;
      case 'manager':
        return `the manager${(p.levels ?? 1) > 1 ? ` (${p.levels} levels up)` : ''} of ${p.of ?? 'owner_id'}`;
      case 'field':
        return `the user in field ${p.field}`;
      case 'user':
        return `user ${p.login}`;
    }
  };
  return principals.map(one).join(', ');
}
