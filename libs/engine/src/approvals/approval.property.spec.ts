import fc from 'fast-check';
import type { ApprovalEscalation, ApprovalFlowDefinition, ApprovalStep } from '@tessera/metadata';
import { quoteFlow, started, step, testClock } from '../../test/approval.fixture';
import type { ApprovalAction } from './approval-action';
import { actOnApproval } from './approval.act';
import { OPEN_TASK_STATES, type ApprovalEvent, type ApprovalState } from './approval-state';

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];

/** Approvals of the given approvers in the given order, on a one-step flow of `mode`. */
async function approveInOrder(mode: ApprovalStep['mode'], approvers: string[], order: string[], quorum?: number): Promise<ApprovalState> {
  const flow = quoteFlow({}, [step('board', { mode, ...(quorum !== undefined && { quorum }) })]);
  let { state } = await started(flow, { approvers: { board: approvers } });
  const clock = testClock();
  for (const user of order) {
    const task = state.tasks.find((t) => t.assignee === user && t.state === 'pending');
    if (!task) continue;
    const r = actOnApproval(flow, state, { kind: 'approve', taskId: task.id, actor: user }, clock);
    if (r.ok) state = r.state;
  }
  return state;
}

const approversArb = fc.uniqueArray(fc.constantFrom(...USERS), { minLength: 1, maxLength: 6 });

describe('approval modes (property)', () => {
  it('all: the step completes iff every approver approved, whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(
        approversArb.chain((approvers) => fc.tuple(fc.constant(approvers), fc.shuffledSubarray(approvers))),
        async ([approvers, order]) => {
          const state = await approveInOrder('all', approvers, order);
          expect(state.status === 'approved').toBe(order.length === approvers.length);
        },
      ),
    );
  });

  it('any: one approval completes the step', async () => {
    await fc.assert(
      fc.asyncProperty(approversArb.chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: 1 }))), async ([approvers, order]) => {
        const state = await approveInOrder('any', approvers, order);
        expect(state.status).toBe('approved');
        expect(state.tasks.filter((t) => t.state === 'approved')).toHaveLength(1);
      }),
    );
  });

  it('quorum: approved iff at least k approved', async () => {
    await fc.assert(
      fc.asyncProperty(
        approversArb.chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a), fc.integer({ min: 1, max: a.length }))),
        async ([approvers, order, k]) => {
          const state = await approveInOrder('quorum', approvers, order, k);
          expect(state.status === 'approved').toBe(order.length >= k);
        },
      ),
    );
  });

  it('sequential: never more than one approver may act at a time', async () => {
    await fc.assert(
      fc.asyncProperty(approversArb.chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a))), async ([approvers, order]) => {
        const state = await approveInOrder('sequential', approvers, order);
        expect(state.tasks.filter((t) => t.state === 'pending').length).toBeLessThanOrEqual(1);
        // Only a prefix of the approvers in their resolved order can have approved.
        const approved = state.tasks.filter((t) => t.state === 'approved').map((t) => t.assignee);
        expect(approved).toEqual(approvers.slice(0, approved.length));
      }),
    );
  });
});

/** A random action, aimed at a task chosen by index (usually by its assignee, sometimes not). */
const commandArb = fc.record({
  kind: fc.constantFrom('approve', 'approve', 'approve', 'reject', 'return', 'transfer', 'addApprover', 'comment', 'recall', 'timeout'),
  task: fc.nat(40),
  impostor: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  user: fc.constantFrom(...USERS, 'x1', 'x2'),
  position: fc.constantFrom<'before' | 'after'>('before', 'after'),
  to: fc.constantFrom<'submitter' | 'previous'>('submitter', 'previous', 'previous'),
  escalation: fc.nat(3),
  manager: fc.option(fc.constantFrom(...USERS, 'boss'), { nil: null }),
});
type Command = typeof commandArb extends fc.Arbitrary<infer T> ? T : never;

function toAction(state: ApprovalState, c: Command): ApprovalAction {
  const task = state.tasks.length ? state.tasks[c.task % state.tasks.length] : undefined;
  const actor = task && !c.impostor ? task.assignee : c.user;
  const taskId = task?.id ?? 'none';
  switch (c.kind) {
    case 'approve':
      return { kind: 'approve', taskId, actor };
    case 'reject':
      return { kind: 'reject', taskId, actor, comment: 'no' };
    case 'return':
      return { kind: 'return', taskId, actor, to: c.to, comment: 'fix it' };
    case 'transfer':
      return { kind: 'transfer', taskId, actor, to: c.user };
    case 'addApprover':
      return { kind: 'addApprover', taskId, actor, user: c.user, position: c.position };
    case 'comment':
      return { kind: 'comment', taskId, actor, comment: 'hm' };
    case 'recall':
      return { kind: 'recall', actor: c.impostor ? c.user : state.submittedBy };
    default: {
      const current = state.current === null ? state.route[0] : state.route[state.current];
      const managers = Object.fromEntries(state.tasks.map((t) => [t.assignee, c.manager]));
      return { kind: 'timeout', step: current.key, round: state.round, escalation: c.escalation, targets: { to: [c.user], managers } };
    }
  }
}

const ESCALATIONS: ApprovalEscalation['action'][] = ['remind', 'escalate', 'reassign', 'approve', 'reject'];

const flowArb = fc
  .array(
    fc.record({
      mode: fc.constantFrom<NonNullable<ApprovalStep['mode']>>('any', 'all', 'quorum', 'sequential'),
      approvers: approversArb,
      onReject: fc.constantFrom<'endFlow' | 'previousStep'>('endFlow', 'previousStep'),
      escalations: fc.array(fc.constantFrom(...ESCALATIONS), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((steps) => {
    const flow: ApprovalFlowDefinition = quoteFlow(
      {},
      steps.map((s, i) =>
        step(`s${i}`, {
          mode: s.mode,
          ...(s.mode === 'quorum' && { quorum: Math.max(1, Math.ceil(s.approvers.length / 2)) }),
          onReject: s.onReject,
          allowDelegate: true,
          allowAddApprover: true,
          sla: 'PT1H',
          escalations: s.escalations.map((action) => ({ action, ...(action === 'reassign' && { to: [{ kind: 'user' as const, login: 'x' }] }) })),
        }),
      ),
    );
    return { flow, approvers: Object.fromEntries(steps.map((s, i) => [`s${i}`, s.approvers])) };
  });

/** Facts about a state that must hold after any sequence of accepted actions. */
function checkState(s: ApprovalState): void {
  const open = s.tasks.filter((t) => OPEN_TASK_STATES.has(t.state));
  expect(new Set(s.tasks.map((t) => t.id)).size).toBe(s.tasks.length);
  if (s.status !== 'pending') {
    expect(s.current).toBeNull();
    expect(open).toEqual([]);
    return;
  }
  const step = s.route[s.current!];
  // Only the running activation has open tasks, and it always has one someone can act on (nothing gets stuck).
  for (const t of open) expect([t.step, t.round]).toEqual([step.key, s.round]);
  expect(open.some((t) => t.state === 'pending')).toBe(true);
  for (const t of open.filter((x) => x.state === 'waiting')) expect(open.map((x) => x.id)).toContain(t.waitingFor);
  // Nobody holds two open tasks of one step.
  expect(new Set(open.map((t) => t.assignee)).size).toBe(open.length);
}

/** Over the whole timeline: each activation starts once and is decided at most once; nothing happens after the end. */
function checkTimeline(events: ApprovalEvent[]): void {
  const started = events.filter((e) => e.type === 'step.started').map((e) => e.round);
  expect(new Set(started).size).toBe(started.length);
  const decided = events.filter((e) => e.type === 'step.approved' || e.type === 'step.rejected').map((e) => e.round);
  expect(new Set(decided).size).toBe(decided.length);
  const finished = events.findIndex((e) => e.type === 'finished');
  if (finished >= 0) expect(events.length - 1).toBe(finished);
}

describe('any sequence of actions (property)', () => {
  it('keeps the state consistent and never decides an activation twice', async () => {
    await fc.assert(
      fc.asyncProperty(flowArb, fc.array(commandArb, { maxLength: 40 }), async ({ flow, approvers }, commands) => {
        const clock = testClock();
        const start = await started(flow, { approvers }, clock);
        let state = start.state;
        const timeline = [...start.events];
        for (const c of commands) {
          const r = actOnApproval(flow, state, toAction(state, c), clock);
          if (!r.ok) continue;
          if (state.status !== 'pending') expect(r.events.filter((e) => e.type !== 'commented')).toEqual([]);
          state = r.state;
          timeline.push(...r.events.filter((e) => e.type !== 'commented'));
          checkState(state);
        }
        checkTimeline(timeline);
        if (state.status === 'approved') {
          // Every step of the route was approved in its last activation.
          const lastDecision = new Map<string, string>();
          for (const e of timeline) if (e.type === 'step.approved' || e.type === 'step.rejected') lastDecision.set(e.step!, e.type);
          for (const r of state.route) expect(lastDecision.get(r.key)).toBe('step.approved');
        }
      }),
      { numRuns: 300 },
    );
  });
});
