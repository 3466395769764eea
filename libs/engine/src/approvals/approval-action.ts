import type { ApprovalProblem } from './approval-state';
import type { Draft } from './approval.draft';

/** What every action on a task carries: the task, who acts, and an optional comment. */
export interface TaskActionInput {
  taskId: string;
  /** User id of the person acting; must be the task's assignee. */
  actor: string;
  comment?: string;
}

export type ApproveAction = { kind: 'approve' } & TaskActionInput;
/** The comment is the reason and is required. */
export type RejectAction = { kind: 'reject' } & TaskActionInput;
/** 退回: to the submitter (the instance ends, the record unlocks) or to the previous step. */
export type ReturnAction = { kind: 'return'; to: 'submitter' | 'previous' } & TaskActionInput;
/** 转办: the decision moves to another user. */
export type TransferAction = { kind: 'transfer'; to: string } & TaskActionInput;
/** 加签: before = the added user decides first; after = the actor approves and the added user must approve too. */
export type AddApproverAction = { kind: 'addApprover'; user: string; position: 'before' | 'after' } & TaskActionInput;
export type CommentAction = { kind: 'comment' } & TaskActionInput;
/** 撤回: the submitter takes the record back while no approver has acted. */
export type RecallAction = { kind: 'recall'; actor: string; comment?: string };

/**
 * A step's SLA timer fired. The server resolves the people the escalation needs before
 * calling the engine: `to` (the escalation's principals) and `managers` (assignee ->
 * their manager `levels` up, for escalate without `to`).
 */
export interface TimeoutAction {
  kind: 'timeout';
  step: string;
  round: number;
  escalation: number;
  targets: { to?: readonly string[]; managers?: Readonly<Record<string, string | null>> };
}

export type ApprovalAction = ApproveAction | RejectAction | ReturnAction | TransferAction | AddApproverAction | CommentAction | RecallAction | TimeoutAction;

/**
 * How the engine runs one action kind: check it against the draft (returning problems
 * refuses it, and nothing of the draft is kept) or change the draft. One file per kind
 * in actions/, one line in the registry.
 */
export interface ApprovalActionKind<A extends ApprovalAction = ApprovalAction> {
  kind: A['kind'];
  apply(d: Draft, action: A): ApprovalProblem[] | undefined;
}
