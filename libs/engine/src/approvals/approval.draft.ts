import type { ApprovalFlowDefinition, ApprovalStep } from '@tessera/metadata';
import {
  OPEN_TASK_STATES,
  type ApprovalClock, type ApprovalEffect, type ApprovalEvent, type ApprovalProblem, type ApprovalState, type ApprovalTask, type ApprovalTransition, type RouteStep,
} from './approval-state';

/**
 * A transition being built: a private copy of the state that the action and the step
 * rules change in place, plus the events and effects they collect. Callers only ever
 * see the finished transition, so the engine stays pure from the outside.
 */
export interface Draft {
  readonly flow: ApprovalFlowDefinition;
  readonly state: ApprovalState;
  readonly clock: ApprovalClock;
  readonly events: ApprovalEvent[];
  readonly effects: ApprovalEffect[];
}

export function openDraft(flow: ApprovalFlowDefinition, state: ApprovalState, clock: ApprovalClock): Draft {
  return { flow, state: structuredClone(state), clock, events: [], effects: [] };
}

export function closeDraft(d: Draft): ApprovalTransition {
  return { ok: true, state: d.state, events: d.events, effects: d.effects };
}

export function emit(d: Draft, event: Omit<ApprovalEvent, 'at'>): void {
  d.events.push({ at: d.clock.now, ...event });
}

export const problem = (kind: ApprovalProblem['kind'], code: string, path: string, message: string): ApprovalProblem[] => [{ kind, code, path, message }];

/** The running step of the route, if any. */
export function currentStep(d: Draft): RouteStep | undefined {
  return d.state.current === null ? undefined : d.state.route[d.state.current];
}

/** The definition of a route step in the flow the instance is pinned to. */
export function stepDefinition(d: Draft, step: RouteStep | string): ApprovalStep {
  const key = typeof step === 'string' ? step : step.key;
  const def = d.flow.steps.find((s) => s.key === key);
  if (!def) throw new Error(`step ${key} is not in flow ${d.flow.key}: the instance was run against another flow version`);
  return def;
}

/** Tasks of the running activation. */
export function roundTasks(d: Draft): ApprovalTask[] {
  return d.state.tasks.filter((t) => t.round === d.state.round && d.state.current !== null);
}

export const isOpen = (t: ApprovalTask): boolean => OPEN_TASK_STATES.has(t.state);

export function addTask(d: Draft, task: Omit<ApprovalTask, 'id' | 'seq' | 'createdAt' | 'round'>): ApprovalTask {
  d.state.taskCount += 1;
  const created: ApprovalTask = { id: d.clock.newId(), seq: d.state.taskCount, round: d.state.round, createdAt: d.clock.now, ...task };
  d.state.tasks.push(created);
  return created;
}

/** Closes a task with what its assignee (or the system) did. */
export function closeTask(d: Draft, task: ApprovalTask, state: ApprovalTask['state'], action: string, comment?: string): void {
  task.state = state;
  task.action = action;
  task.actedAt = d.clock.now;
  if (comment !== undefined) task.comment = comment;
}

/** Tasks that waited for `from` now wait for `to` (the decision moved to another person). */
export function repointWaiting(d: Draft, from: string, to: string): void {
  for (const t of d.state.tasks) if (t.state === 'waiting' && t.waitingFor === from) t.waitingFor = to;
}

/** Tasks that waited for `approved` may act now. */
export function releaseWaiting(d: Draft, approved: ApprovalTask): ApprovalTask[] {
  const released = d.state.tasks.filter((t) => t.state === 'waiting' && t.waitingFor === approved.id);
  for (const t of released) {
    t.state = 'pending';
    delete t.waitingFor;
  }
  if (released.length) notify(d, released.map((t) => t.assignee), 'assigned', approved.step, released.map((t) => t.id));
  return released;
}

export function notify(d: Draft, to: readonly string[], reason: Extract<ApprovalEffect, { kind: 'notify' }>['reason'], step?: string, taskIds?: string[]): void {
  const unique = [...new Set(to)];
  if (unique.length === 0) return;
  d.effects.push({ kind: 'notify', to: unique, reason, ...(step !== undefined && { step }), ...(taskIds && { taskIds }) });
}

/** Whether `user` already holds an open task of the running activation (no one decides twice for a step). */
export function holdsOpenTask(d: Draft, user: string): boolean {
  return roundTasks(d).some((t) => t.assignee === user && isOpen(t));
}
