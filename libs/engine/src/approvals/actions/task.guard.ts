import type { ApprovalStep } from '@tessera/metadata';
import type { TaskActionInput } from '../approval-action';
import type { ApprovalProblem, ApprovalTask } from '../approval-state';
import { currentStep, problem, stepDefinition, type Draft } from '../approval.draft';

export type Actionable = { task: ApprovalTask; step: ApprovalStep; problems?: undefined } | { problems: ApprovalProblem[] };

const hasText = (s: string | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

/**
 * The task the input names, when its assignee may act on it now: the instance is pending,
 * the task belongs to the running activation, and it is the assignee's turn.
 */
export function actionableTask(d: Draft, input: TaskActionInput): Actionable {
  const task = d.state.tasks.find((t) => t.id === input.taskId);
  if (!task) return { problems: problem('notFound', 'task.not-found', '/taskId', `no task ${input.taskId} in this approval`) };
  if (task.assignee !== input.actor) return { problems: problem('forbidden', 'task.not-assignee', '/taskId', 'only the assignee may act on this task') };
  if (d.state.status !== 'pending') return { problems: problem('conflict', 'approval.finished', '/taskId', `the approval is ${d.state.status} already`) };
  if (task.state === 'waiting') return { problems: problem('conflict', 'task.waiting', '/taskId', 'an approver you added decides first') };
  if (task.state === 'queued') return { problems: problem('conflict', 'task.queued', '/taskId', 'it is not your turn yet: earlier approvers of this step decide first') };
  if (task.state !== 'pending' || task.round !== d.state.round || currentStep(d)?.key !== task.step) {
    return { problems: problem('conflict', 'task.closed', '/taskId', `the task is ${task.state === 'pending' ? 'no longer current' : task.state} already`) };
  }
  return { task, step: stepDefinition(d, task.step) };
}

/** A reason is required (reject, return), or the step wants a comment on every decision. */
export function requireComment(comment: string | undefined, why: string): ApprovalProblem[] | undefined {
  return hasText(comment) ? undefined : problem('invalid', 'comment.required', '/comment', why);
}

export function commentOnApprove(step: ApprovalStep, comment: string | undefined): ApprovalProblem[] | undefined {
  return step.commentRequired === 'always' ? requireComment(comment, `step ${step.key} needs a comment on every decision`) : undefined;
}

/** Someone to hand a task to: not the actor, not already deciding in this step. */
export function checkNewAssignee(d: Draft, user: string, actor: string, path: string, holds: (user: string) => boolean): ApprovalProblem[] | undefined {
  if (typeof user !== 'string' || user.length === 0) return problem('invalid', 'user.required', path, 'name the user');
  if (user === actor) return problem('invalid', 'user.self', path, 'you cannot hand a task to yourself');
  if (holds(user)) return problem('conflict', 'user.already-assigned', path, 'that user already has an open task in this step');
  return undefined;
}
