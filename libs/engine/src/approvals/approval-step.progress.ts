import type { ApprovalTask, RouteStep } from './approval-state';
import { addTask, closeTask, currentStep, emit, isOpen, notify, roundTasks, stepDefinition, type Draft } from './approval.draft';

/** `void`: every task of the slot was taken away by a reassignment; the slot no longer counts. */
export type SlotStatus = 'approved' | 'rejected' | 'open' | 'void';
export type StepOutcome = 'approved' | 'rejected' | 'open';

/** Tasks that were handed on or dropped no longer speak for their slot. */
const speaks = (t: ApprovalTask) => t.state !== 'transferred' && t.state !== 'escalated' && t.state !== 'cancelled';

/**
 * A slot is approved when every task that still speaks for it approved (the original
 * approver, whoever it was transferred or escalated to, and anyone added before or after),
 * rejected when one of them rejected, and open otherwise.
 */
export function slotStatus(tasks: readonly ApprovalTask[]): SlotStatus {
  const live = tasks.filter(speaks);
  if (live.length === 0) return 'void';
  if (live.some((t) => t.state === 'rejected')) return 'rejected';
  if (live.every((t) => t.state === 'approved')) return 'approved';
  return 'open';
}

/** The slots of the running activation, in slot order. */
export function slotsOf(tasks: readonly ApprovalTask[]): Array<{ slot: number; tasks: ApprovalTask[]; status: SlotStatus }> {
  const by = new Map<number, ApprovalTask[]>();
  for (const t of tasks) by.set(t.slot, [...(by.get(t.slot) ?? []), t]);
  return [...by.entries()].sort(([a], [b]) => a - b).map(([slot, list]) => ({ slot, tasks: list, status: slotStatus(list) }));
}

/**
 * What the mode makes of the slots. any: the first decision decides (或签); all and
 * sequential: every slot must approve, one rejection rejects (会签 / 依次); quorum: k
 * approvals pass, and the step fails as soon as k can no longer be reached. A quorum
 * larger than the slots left after a reassignment is capped to them.
 */
export function stepOutcome(step: RouteStep, all: ReadonlyArray<{ status: SlotStatus }>): StepOutcome {
  const slots = all.filter((s) => s.status !== 'void');
  const approved = slots.filter((s) => s.status === 'approved').length;
  const rejected = slots.filter((s) => s.status === 'rejected').length;
  switch (step.mode) {
    case 'any':
      if (rejected > 0) return 'rejected';
      return approved > 0 ? 'approved' : 'open';
    case 'quorum': {
      const k = Math.min(step.quorum ?? 1, slots.length);
      if (approved >= k) return 'approved';
      return slots.length - rejected < k ? 'rejected' : 'open';
    }
    default:
      if (rejected > 0) return 'rejected';
      return slots.length > 0 && approved === slots.length ? 'approved' : 'open';
  }
}

/** Starts route step `index` in a new round: tasks for its approvers, notifications, SLA timers. */
export function activateStep(d: Draft, index: number): void {
  const step = d.state.route[index];
  const def = stepDefinition(d, step);
  d.state.current = index;
  d.state.round += 1;
  const tasks = step.approvers.map((assignee, slot) =>
    addTask(d, { step: step.key, slot, assignee, origin: 'route', state: step.mode === 'sequential' && slot > 0 ? 'queued' : 'pending' }),
  );
  emit(d, { type: 'step.started', actor: null, step: step.key, round: d.state.round, data: { mode: step.mode, approvers: step.approvers, ...(step.quorum !== undefined && { quorum: step.quorum }) } });
  const pending = tasks.filter((t) => t.state === 'pending');
  notify(d, pending.map((t) => t.assignee), 'assigned', step.key, pending.map((t) => t.id));
  (def.escalations ?? []).forEach((e, escalation) => {
    const after = e.after ?? def.sla;
    if (after !== undefined) d.effects.push({ kind: 'scheduleSla', step: step.key, round: d.state.round, escalation, after });
  });
}

/** Ends the running activation: whatever is still open is no longer needed; its timers are moot. */
function closeStep(d: Draft): void {
  const step = currentStep(d);
  if (!step) return;
  for (const t of roundTasks(d)) if (isOpen(t)) closeTask(d, t, 'cancelled', 'cancelled');
  d.effects.push({ kind: 'cancelSla', step: step.key, round: d.state.round });
}

/** The flow is over. Approved and rejected run the flow's outcome actions; the others only end it. */
export function finish(d: Draft, status: 'approved' | 'rejected' | 'returned' | 'recalled', actor: string | null, data: Record<string, unknown> = {}): void {
  closeStep(d);
  d.state.status = status;
  d.state.current = null;
  d.state.finishedAt = d.clock.now;
  emit(d, { type: 'finished', actor, data: { outcome: status, ...data } });
  if (status === 'approved' || status === 'rejected') {
    d.effects.push({ kind: 'finished', outcome: status, actions: (status === 'approved' ? d.flow.onApproved : d.flow.onRejected) ?? [] });
  } else {
    d.effects.push({ kind: 'ended', outcome: status });
  }
  if (status !== 'recalled') notify(d, [d.state.submittedBy], status === 'returned' ? 'returned' : 'finished');
}

/** Moves the route to another step (next, previous) or finishes the flow. */
export function moveTo(d: Draft, index: number): void {
  closeStep(d);
  activateStep(d, index);
}

/**
 * Decides the running step (after a task approved or rejected, or a timer decided it):
 * approved -> next step or the flow approved; rejected -> the previous step again
 * (onReject previousStep) or the flow rejected.
 */
export function completeStep(d: Draft, outcome: 'approved' | 'rejected', actor: string | null, data: Record<string, unknown> = {}): void {
  const step = currentStep(d)!;
  const index = d.state.current!;
  emit(d, { type: outcome === 'approved' ? 'step.approved' : 'step.rejected', actor, step: step.key, round: d.state.round, ...(Object.keys(data).length > 0 && { data }) });
  if (outcome === 'approved') {
    if (index + 1 < d.state.route.length) moveTo(d, index + 1);
    else finish(d, 'approved', actor);
    return;
  }
  if (stepDefinition(d, step).onReject === 'previousStep' && index > 0) moveTo(d, index - 1);
  else finish(d, 'rejected', actor);
}

/**
 * After any change to the running step's tasks: decide the step when its mode says so,
 * otherwise (sequential) hand the turn to the next approver whose slot is open.
 */
export function settle(d: Draft, actor: string | null): void {
  const step = currentStep(d);
  if (!step || d.state.status !== 'pending') return;
  const slots = slotsOf(roundTasks(d));
  const outcome = stepOutcome(step, slots);
  if (outcome !== 'open') {
    completeStep(d, outcome, actor);
    return;
  }
  // A slot rejected while the step goes on (quorum) is settled: whoever else waits in it is not needed.
  for (const s of slots) if (s.status === 'rejected') for (const t of s.tasks) if (isOpen(t)) closeTask(d, t, 'cancelled', 'cancelled');
  if (step.mode !== 'sequential') return;
  const next = slots.find((s) => s.status === 'open');
  const queued = next?.tasks.filter((t) => t.state === 'queued') ?? [];
  if (queued.length === 0 || next!.tasks.some((t) => t.state === 'pending' || t.state === 'waiting')) return;
  for (const t of queued) t.state = 'pending';
  notify(d, queued.map((t) => t.assignee), 'assigned', step.key, queued.map((t) => t.id));
}
