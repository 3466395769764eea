import type { ApprovalAction, ApprovalActionKind } from './approval-action';
import { addApproverAction } from './actions/add-approver.action';
import { approveAction } from './actions/approve.action';
import { commentAction } from './actions/comment.action';
import { recallAction } from './actions/recall.action';
import { rejectAction } from './actions/reject.action';
import { returnAction } from './actions/return.action';
import { timeoutAction } from './actions/timeout.action';
import { transferAction } from './actions/transfer.action';

type Registry = { [K in ApprovalAction['kind']]: ApprovalActionKind<Extract<ApprovalAction, { kind: K }>> };

/** Every action the approval state machine knows, keyed by kind. Adding one = one file + one line here. */
export const APPROVAL_ACTIONS: Registry = {
  approve: approveAction,
  reject: rejectAction,
  return: returnAction,
  transfer: transferAction,
  addApprover: addApproverAction,
  comment: commentAction,
  recall: recallAction,
  timeout: timeoutAction,
};

export const isApprovalActionKind = (kind: string): kind is ApprovalAction['kind'] => Object.hasOwn(APPROVAL_ACTIONS, kind);
