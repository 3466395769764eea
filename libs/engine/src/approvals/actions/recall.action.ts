import type { ApprovalActionKind, RecallAction } from '../approval-action';
import { emit, problem } from '../approval.draft';
import { finish } from '../approval-step.progress';

/** 撤回: the submitter ends the approval while no approver has acted yet. */
export const recallAction: ApprovalActionKind<RecallAction> = {
  kind: 'recall',
  apply(d, action) {
    if (action.actor !== d.state.submittedBy) return problem('forbidden', 'recall.not-submitter', '', 'only the submitter may recall an approval');
    if (d.state.status !== 'pending') return problem('conflict', 'approval.finished', '', `the approval is ${d.state.status} already`);
    if (d.state.decided) return problem('conflict', 'recall.too-late', '', 'an approver has acted already; the approval can no longer be recalled');
    emit(d, { type: 'recalled', actor: action.actor, ...(action.comment && { comment: action.comment }) });
    finish(d, 'recalled', action.actor);
    return undefined;
  },
};
