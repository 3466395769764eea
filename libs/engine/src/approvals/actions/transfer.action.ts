import type { ApprovalActionKind, TransferAction } from '../approval-action';
import { addTask, closeTask, emit, holdsOpenTask, notify, problem, repointWaiting } from '../approval.draft';
import { actionableTask, checkNewAssignee } from './task.guard';

/** 转办: the decision moves to another user, in the same slot; allowed where the step allows delegation. */
export const transferAction: ApprovalActionKind<TransferAction> = {
  kind: 'transfer',
  apply(d, action) {
    const found = actionableTask(d, action);
    if (found.problems) return found.problems;
    if (found.step.allowDelegate !== true) return problem('forbidden', 'transfer.not-allowed', '/to', `step ${found.step.key} does not allow handing the decision to someone else`);
    const problems = checkNewAssignee(d, action.to, action.actor, '/to', (u) => holdsOpenTask(d, u));
    if (problems) return problems;
    const { task } = found;
    closeTask(d, task, 'transferred', 'transfer', action.comment);
    const next = addTask(d, { step: task.step, slot: task.slot, assignee: action.to, origin: 'transfer', state: 'pending' });
    repointWaiting(d, task.id, next.id);
    d.state.decided = true;
    emit(d, { type: 'transferred', actor: action.actor, step: task.step, round: task.round, taskId: task.id, ...(action.comment && { comment: action.comment }), data: { to: action.to, newTaskId: next.id } });
    notify(d, [action.to], 'assigned', task.step, [next.id]);
    return undefined;
  },
};
