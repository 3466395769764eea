import type { AddApproverAction, ApprovalActionKind } from '../approval-action';
import { addTask, closeTask, emit, holdsOpenTask, notify, problem, releaseWaiting } from '../approval.draft';
import { settle } from '../approval-step.progress';
import { actionableTask, checkNewAssignee, commentOnApprove } from './task.guard';

/**
 * 加签, in the actor's slot. before: the added user decides first, the actor's task waits
 * for them. after: the actor approves now and the added user must approve as well, so
 * even an `any` step is not decided until they do.
 */
export const addApproverAction: ApprovalActionKind<AddApproverAction> = {
  kind: 'addApprover',
  apply(d, action) {
    const found = actionableTask(d, action);
    if (found.problems) return found.problems;
    if (found.step.allowAddApprover !== true) return problem('forbidden', 'add-approver.not-allowed', '/user', `step ${found.step.key} does not allow adding approvers`);
    if (action.position !== 'before' && action.position !== 'after') return problem('invalid', 'add-approver.position', '/position', 'position is "before" or "after"');
    const problems = checkNewAssignee(d, action.user, action.actor, '/user', (u) => holdsOpenTask(d, u)) ?? (action.position === 'after' ? commentOnApprove(found.step, action.comment) : undefined);
    if (problems) return problems;
    const { task } = found;
    const added = addTask(d, { step: task.step, slot: task.slot, assignee: action.user, origin: action.position === 'before' ? 'addBefore' : 'addAfter', state: 'pending' });
    d.state.decided = true;
    emit(d, { type: 'approver.added', actor: action.actor, step: task.step, round: task.round, taskId: task.id, ...(action.comment && { comment: action.comment }), data: { user: action.user, position: action.position, newTaskId: added.id } });
    notify(d, [action.user], 'assigned', task.step, [added.id]);
    if (action.position === 'before') {
      task.state = 'waiting';
      task.waitingFor = added.id;
      return undefined;
    }
    closeTask(d, task, 'approved', 'addApprover', action.comment);
    releaseWaiting(d, task);
    settle(d, action.actor);
    return undefined;
  },
};
