import type { ApprovalActionKind, ApproveAction } from '../approval-action';
import { closeTask, emit, releaseWaiting } from '../approval.draft';
import { settle } from '../approval-step.progress';
import { actionableTask, commentOnApprove } from './task.guard';

/** 同意: the task approves; whoever waited for it may act; the step decides by its mode. */
export const approveAction: ApprovalActionKind<ApproveAction> = {
  kind: 'approve',
  apply(d, action) {
    const found = actionableTask(d, action);
    if (found.problems) return found.problems;
    const problems = commentOnApprove(found.step, action.comment);
    if (problems) return problems;
    closeTask(d, found.task, 'approved', 'approve', action.comment);
    d.state.decided = true;
    emit(d, { type: 'approved', actor: action.actor, step: found.task.step, round: found.task.round, taskId: found.task.id, ...(action.comment && { comment: action.comment }) });
    releaseWaiting(d, found.task);
    settle(d, action.actor);
    return undefined;
  },
};
