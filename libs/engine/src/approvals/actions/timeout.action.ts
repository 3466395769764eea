import type { ApprovalEscalation } from '@tessera/metadata';
import type { ApprovalActionKind, TimeoutAction } from '../approval-action';
import type { ApprovalTask } from '../approval-state';
import { addTask, closeTask, currentStep, emit, holdsOpenTask, isOpen, notify, repointWaiting, roundTasks, stepDefinition, type Draft } from '../approval.draft';
import { completeStep, settle } from '../approval-step.progress';

/** The users of `targets.to`, once each. */
const targetsOf = (action: TimeoutAction) => [...new Set(action.targets.to ?? [])];

/** remind: the pending approvers (and `to`) are told again. */
function remind(d: Draft, action: TimeoutAction, pending: ApprovalTask[]): void {
  const to = [...new Set([...pending.map((t) => t.assignee), ...targetsOf(action)])];
  emit(d, { type: 'reminded', actor: null, step: action.step, round: action.round, data: { escalation: action.escalation, to } });
  notify(d, to, 'reminder', action.step, pending.map((t) => t.id));
}

/** escalate without `to`: each pending task moves to its assignee's manager, in the same slot. */
function escalateToManagers(d: Draft, action: TimeoutAction, pending: ApprovalTask[]): void {
  const moved: Array<{ from: string; to: string; taskId: string }> = [];
  const stayed: string[] = [];
  for (const task of pending) {
    const manager = action.targets.managers?.[task.assignee] ?? null;
    if (manager === null || manager === task.assignee || holdsOpenTask(d, manager)) {
      stayed.push(task.assignee);
      continue;
    }
    closeTask(d, task, 'escalated', 'timeout');
    const next = addTask(d, { step: task.step, slot: task.slot, assignee: manager, origin: 'escalation', state: 'pending' });
    repointWaiting(d, task.id, next.id);
    moved.push({ from: task.assignee, to: manager, taskId: next.id });
  }
  emit(d, { type: 'escalated', actor: null, step: action.step, round: action.round, data: { escalation: action.escalation, moved, ...(stayed.length > 0 && { noManager: stayed }) } });
  for (const m of moved) notify(d, [m.to], 'escalated', action.step, [m.taskId]);
}

/**
 * reassign (and escalate with `to`): every open slot is taken from its approvers and the
 * targets decide instead, each in a new slot; slots decided already keep counting.
 */
function reassign(d: Draft, action: TimeoutAction, type: 'reassigned' | 'escalated'): void {
  const to = targetsOf(action);
  const open = roundTasks(d).filter(isOpen);
  if (to.length === 0 || open.length === 0) {
    emit(d, { type, actor: null, step: action.step, round: action.round, data: { escalation: action.escalation, to, note: to.length === 0 ? 'nobody to reassign to' : 'nothing open' } });
    return;
  }
  const openSlots = new Set(open.map((t) => t.slot));
  for (const t of open) closeTask(d, t, 'escalated', 'timeout');
  let slot = Math.max(...roundTasks(d).map((t) => t.slot)) + 1;
  const created = to.map((assignee) => addTask(d, { step: action.step, slot: slot++, assignee, origin: 'reassign', state: 'pending' }));
  emit(d, { type, actor: null, step: action.step, round: action.round, data: { escalation: action.escalation, to, replacedSlots: [...openSlots] } });
  notify(d, to, 'escalated', action.step, created.map((t) => t.id));
  settle(d, null);
}

const ESCALATIONS: Record<ApprovalEscalation['action'], (d: Draft, action: TimeoutAction, pending: ApprovalTask[]) => void> = {
  remind,
  escalate: (d, action, pending) => (action.targets.to?.length ? reassign(d, action, 'escalated') : escalateToManagers(d, action, pending)),
  reassign: (d, action) => reassign(d, action, 'reassigned'),
  approve: (d, action) => completeStep(d, 'approved', null, { auto: true, escalation: action.escalation }),
  reject: (d, action) => completeStep(d, 'rejected', null, { auto: true, escalation: action.escalation }),
};

/**
 * An SLA timer of a step fired. A timer of an activation that is over (the step was
 * decided, returned to, or the approval ended) changes nothing: timers are never trusted
 * to have been cancelled.
 */
export const timeoutAction: ApprovalActionKind<TimeoutAction> = {
  kind: 'timeout',
  apply(d, action) {
    const step = currentStep(d);
    if (d.state.status !== 'pending' || step?.key !== action.step || d.state.round !== action.round) return undefined;
    const escalation = stepDefinition(d, step).escalations?.[action.escalation];
    if (!escalation) return undefined;
    const pending = roundTasks(d).filter((t) => t.state === 'pending');
    ESCALATIONS[escalation.action](d, action, pending);
    return undefined;
  },
};
