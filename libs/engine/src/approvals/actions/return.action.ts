import type { ApprovalActionKind, ReturnAction } from '../approval-action';
import { closeTask, emit, problem } from '../approval.draft';
import { finish, moveTo } from '../approval-step.progress';
import { actionableTask, requireComment } from './task.guard';

/**
 * 退回: to the submitter, which ends the instance as `returned` (the record unlocks; the
 * submitter changes it and submits again), or to the previous step, which decides again.
 */
export const returnAction: ApprovalActionKind<ReturnAction> = {
  kind: 'return',
  apply(d, action) {
    const found = actionableTask(d, action);
    if (found.problems) return found.problems;
    if (action.to !== 'submitter' && action.to !== 'previous') return problem('invalid', 'return.target', '/to', 'return to "submitter" or "previous"');
    const problems = requireComment(action.comment, 'a return needs a reason');
    if (problems) return problems;
    const index = d.state.current!;
    if (action.to === 'previous' && index === 0) return problem('invalid', 'return.no-previous-step', '/to', 'this is the first step; return to the submitter instead');
    closeTask(d, found.task, 'returned', 'return', action.comment);
    d.state.decided = true;
    emit(d, { type: 'returned', actor: action.actor, step: found.task.step, round: found.task.round, taskId: found.task.id, comment: action.comment, data: { to: action.to } });
    if (action.to === 'submitter') finish(d, 'returned', action.actor);
    else moveTo(d, index - 1);
    return undefined;
  },
};
