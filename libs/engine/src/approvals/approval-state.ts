import type { Action, ApprovalStep } from '@tessera/metadata';

/** How an approval instance stands. Everything but `pending` is final. */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'recalled';

/**
 * pending: the assignee may act now. waiting: they added an approver before themselves
 * and act once that one approved. queued: a later approver of a sequential step.
 * The rest are closed: decided (approved, rejected, returned), handed on (transferred,
 * escalated) or no longer needed (cancelled).
 */
export type TaskState = 'pending' | 'waiting' | 'queued' | 'approved' | 'rejected' | 'returned' | 'transferred' | 'escalated' | 'cancelled';

/** Why a task exists: the route resolved at submit, or an action that created it. */
export type TaskOrigin = 'route' | 'transfer' | 'addBefore' | 'addAfter' | 'escalation' | 'reassign';

export const OPEN_TASK_STATES: ReadonlySet<TaskState> = new Set(['pending', 'waiting', 'queued']);

/**
 * One person's part in one activation (round) of a step. Tasks of a step are grouped in
 * slots, one per approver resolved (or added by a reassignment); transferring, adding an
 * approver and escalating add tasks to the same slot, so "every approver" keeps meaning
 * every original approver, whoever ends up deciding for them.
 */
export interface ApprovalTask {
  id: string;
  step: string;
  /** The activation of the instance the task belongs to (a step returned to runs again in a new round). */
  round: number;
  slot: number;
  /** Creation order within the instance. */
  seq: number;
  assignee: string;
  state: TaskState;
  origin: TaskOrigin;
  /** For `waiting`: the task that must be approved first. */
  waitingFor?: string;
  createdAt: string;
  actedAt?: string;
  /** The action that closed the task. */
  action?: string;
  comment?: string;
}

/** An applicable step with its approvers, fixed at submit. */
export interface RouteStep {
  key: string;
  /** Index of the step in the flow document (for pointers into it). */
  index: number;
  mode: NonNullable<ApprovalStep['mode']>;
  quorum?: number;
  approvers: string[];
}

/**
 * The whole state of one approval instance, as plain data: the engine's input and output,
 * stored by the server (tasks in their own table, the rest as JSON).
 */
export interface ApprovalState {
  flow: string;
  flowVersion: number;
  object: string;
  recordId: string;
  status: ApprovalStatus;
  route: RouteStep[];
  /** Index into `route` of the running step; null once finished. */
  current: number | null;
  /** Activation counter: increases whenever a step starts (again). */
  round: number;
  /** Tasks created so far (feeds `seq`). */
  taskCount: number;
  submittedBy: string;
  submittedAt: string;
  finishedAt?: string;
  /** An approver acted (decided, transferred, added someone): the submitter may no longer recall. */
  decided: boolean;
  tasks: ApprovalTask[];
}

/** One line of the approval timeline. `actor` null: the system (a timer). */
export interface ApprovalEvent {
  type:
    | 'submitted'
    | 'step.skipped'
    | 'step.started'
    | 'step.approved'
    | 'step.rejected'
    | 'approved'
    | 'rejected'
    | 'returned'
    | 'transferred'
    | 'approver.added'
    | 'commented'
    | 'recalled'
    | 'reminded'
    | 'escalated'
    | 'reassigned'
    | 'finished';
  at: string;
  actor: string | null;
  step?: string;
  round?: number;
  taskId?: string;
  comment?: string;
  data?: Record<string, unknown>;
}

export type NotifyReason = 'assigned' | 'reminder' | 'escalated' | 'finished' | 'returned';

/** What the server must do because of a transition, besides storing the state and the events. */
export type ApprovalEffect =
  | { kind: 'notify'; to: string[]; reason: NotifyReason; step?: string; taskIds?: string[] }
  /** A durable timer: escalation `escalation` of the step, due `after` the step started. */
  | { kind: 'scheduleSla'; step: string; round: number; escalation: number; after: string }
  /** The step's activation ended: its timers are moot. */
  | { kind: 'cancelSla'; step: string; round: number }
  /** The flow finished approved or rejected: run its outcome actions, announce it. */
  | { kind: 'finished'; outcome: 'approved' | 'rejected'; actions: Action[] }
  /** The flow ended without a decision (returned to the submitter, recalled). */
  | { kind: 'ended'; outcome: 'returned' | 'recalled' };

/**
 * Why an action is refused. `kind` says whose fault in general terms (the server maps it
 * to a status); `path` points into the action input.
 */
export interface ApprovalProblem {
  kind: 'forbidden' | 'conflict' | 'invalid' | 'notFound';
  code: string;
  path: string;
  message: string;
}

export interface ApprovalTransition {
  ok: true;
  state: ApprovalState;
  events: ApprovalEvent[];
  effects: ApprovalEffect[];
}

export type ApprovalResult = ApprovalTransition | { ok: false; problems: ApprovalProblem[] };

/** What a transition may not invent itself: the clock and new ids (UUID v7 on the server, counters in tests). */
export interface ApprovalClock {
  now: string;
  newId(): string;
}
