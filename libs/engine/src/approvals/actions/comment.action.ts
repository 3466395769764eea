import type { ApprovalActionKind, CommentAction } from '../approval-action';
import { emit, problem } from '../approval.draft';
import { requireComment } from './task.guard';

/** 评论: the assignee of a task of this approval (open or closed) adds a remark to the timeline; nothing else changes. */
export const commentAction: ApprovalActionKind<CommentAction> = {
  kind: 'comment',
  apply(d, action) {
    const task = d.state.tasks.find((t) => t.id === action.taskId);
    if (!task) return problem('notFound', 'task.not-found', '/taskId', `no task ${action.taskId} in this approval`);
    if (task.assignee !== action.actor) return problem('forbidden', 'task.not-assignee', '/taskId', 'only the assignee may comment through this task');
    const problems = requireComment(action.comment, 'the comment is empty');
    if (problems) return problems;
    emit(d, { type: 'commented', actor: action.actor, step: task.step, round: task.round, taskId: task.id, comment: action.comment });
    return undefined;
  },
};
