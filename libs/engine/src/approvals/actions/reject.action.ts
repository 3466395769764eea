import type { ApprovalActionKind, RejectAction } from '../approval-action';
import { closeTask, emit } from '../approval.draft';
import { settle } from '../approval-step.progress';
import { actionableTask, requireComment } from './task.guard';

/** 驳回: needs a reason. The step decides by its mode (one rejection, or a quorum out of reach). */
export const rejectAction: ApprovalActionKind<RejectAction> = {
  kind: 'reject',
  apply(d, action) {
    const found = actionableTask(d, action);
    if (found.problems) return found.problems;
    const problems = requireComment(action.comment, 'a rejection needs a reason');
    if (problems) return problems;
    closeTask(d, found.task, 'rejected', 'reject', action.comment);
    d.state.decided = true;
    emit(d, { type: 'rejected', actor: action.actor, step: found.task.step, round: found.task.round, taskId: found.task.id, comment: action.comment });
    settle(d, action.actor);
    return undefined;
  },
};
