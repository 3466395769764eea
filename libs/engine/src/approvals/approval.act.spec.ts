import type { ApprovalFlowDefinition, ApprovalStep } from '@tessera/metadata';
import { approve, ok, quoteFlow, reject, run, started, step, taskOf, testClock } from '../../test/approval.fixture';
import type { ApprovalAction } from './approval-action';
import { actOnApproval } from './approval.act';
import type { ApprovalState } from './approval-state';

const tiers = quoteFlow();
const oneStep = (extra: Partial<ApprovalStep>, flow: Partial<ApprovalFlowDefinition> = {}) => quoteFlow(flow, [step('board', extra), step('gm')]);
const board = (mode: ApprovalStep['mode'], extra: Partial<ApprovalStep> = {}) => oneStep({ mode, ...extra });
const startBoard = (flow: ApprovalFlowDefinition, users = ['a', 'b', 'c']) => started(flow, { approvers: { board: users, gm: ['g'] } }).then((t) => t.state);

const statusAfter = (flow: ApprovalFlowDefinition, state: ApprovalState, actions: Array<(s: ApprovalState) => ApprovalAction>) => run(flow, state, actions).state;
const running = (s: ApprovalState) => (s.current === null ? null : s.route[s.current].key);

describe('approve through the tiers', () => {
  it('¥500k: manager, director, GM in turn, then the approval outcome', async () => {
    const { state } = await started(tiers, { record: { amount: 500000 }, approvers: { manager: ['m'], director: ['d'], gm: ['g'] } });
    const afterManager = statusAfter(tiers, state, [approve('m')]);
    expect(running(afterManager)).toBe('director');
    const end = run(tiers, afterManager, [approve('d'), approve('g')]);
    expect(end.state.status).toBe('approved');
    expect(end.effects).toContainEqual({ kind: 'finished', outcome: 'approved', actions: tiers.onApproved });
    expect(end.effects).toContainEqual({ kind: 'notify', to: ['rep'], reason: 'finished' });
    expect(end.events.map((e) => e.type)).toEqual(['approved', 'step.approved', 'finished']);
  });
});

describe('modes', () => {
  it.each([
    ['any', ['a'], 'gm'],
    ['all', ['a', 'b'], 'board'],
    ['all', ['a', 'b', 'c'], 'gm'],
    ['quorum', ['c'], 'board'],
    ['quorum', ['c', 'a'], 'gm'],
  ] as const)('%s step after %j approved: running %s', async (mode, approvers, expected) => {
    const flow = board(mode, mode === 'quorum' ? { quorum: 2 } : {});
    const state = statusAfter(flow, await startBoard(flow), approvers.map((u) => approve(u)));
    expect(running(state)).toBe(expected);
  });

  it('any: the other approvers\' tasks are cancelled once one decides', async () => {
    const flow = board('any');
    const state = statusAfter(flow, await startBoard(flow), [approve('b')]);
    expect(state.tasks.filter((t) => t.step === 'board').map((t) => [t.assignee, t.state])).toEqual([['a', 'cancelled'], ['b', 'approved'], ['c', 'cancelled']]);
  });

  it('sequential: each approver in turn, the next one told when it is their turn', async () => {
    const flow = board('sequential');
    const state = await startBoard(flow);
    const early = actOnApproval(flow, state, { kind: 'approve', taskId: state.tasks[1].id, actor: 'b' }, testClock());
    expect(early).toMatchObject({ ok: false, problems: [{ code: 'task.queued', kind: 'conflict' }] });
    const afterA = run(flow, state, [approve('a')]);
    expect(afterA.effects).toEqual([{ kind: 'notify', to: ['b'], reason: 'assigned', step: 'board', taskIds: [state.tasks[1].id] }]);
    expect(running(statusAfter(flow, afterA.state, [approve('b'), approve('c')]))).toBe('gm');
  });

  it('quorum: rejects as soon as k approvals are out of reach', async () => {
    const flow = board('quorum', { quorum: 2 });
    const state = await startBoard(flow);
    expect(statusAfter(flow, state, [reject('a')]).status).toBe('pending');
    expect(statusAfter(flow, state, [reject('a'), reject('b')]).status).toBe('rejected');
  });
});

describe('reject', () => {
  it('needs a reason', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const result = actOnApproval(tiers, state, { kind: 'reject', taskId: taskOf(state, 'm'), actor: 'm', comment: '  ' }, testClock());
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'comment.required', path: '/comment' }] });
  });

  it('ends the flow with the reason on the timeline and runs the rejection outcome', async () => {
    const { state } = await started(tiers, { record: { amount: 120000 }, approvers: { manager: ['m'], director: ['d'] } });
    const end = run(tiers, state, [approve('m'), reject('d', '毛利太低')]);
    expect(end.state.status).toBe('rejected');
    expect(end.events.find((e) => e.type === 'rejected')).toMatchObject({ actor: 'd', step: 'director', comment: '毛利太低' });
    expect(end.effects).toContainEqual({ kind: 'finished', outcome: 'rejected', actions: tiers.onRejected });
  });

  it('onReject previousStep sends the decision back to the previous step', async () => {
    const flow = quoteFlow({}, [step('manager'), step('director', { onReject: 'previousStep' })]);
    const { state } = await started(flow, { approvers: { manager: ['m'], director: ['d'] } });
    const back = statusAfter(flow, state, [approve('m'), reject('d')]);
    expect([back.status, running(back), back.round]).toEqual(['pending', 'manager', 3]);
    expect(taskOf(back, 'm')).toBeDefined();
  });
});

describe('return (退回)', () => {
  it('to the submitter ends the instance as returned', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const end = ok(actOnApproval(tiers, state, { kind: 'return', taskId: taskOf(state, 'm'), actor: 'm', to: 'submitter', comment: '补充成本明细' }, testClock()));
    expect(end.state.status).toBe('returned');
    expect(end.effects).toEqual(expect.arrayContaining([{ kind: 'ended', outcome: 'returned' }, { kind: 'notify', to: ['rep'], reason: 'returned' }]));
    expect(end.events[0]).toMatchObject({ type: 'returned', comment: '补充成本明细', data: { to: 'submitter' } });
  });

  it('to the previous step reopens it in a new round', async () => {
    const { state } = await started(tiers, { record: { amount: 120000 }, approvers: { manager: ['m'], director: ['d'] } });
    const afterM = statusAfter(tiers, state, [approve('m')]);
    const back = ok(actOnApproval(tiers, afterM, { kind: 'return', taskId: taskOf(afterM, 'd'), actor: 'd', to: 'previous', comment: 'check the cost' }, testClock()));
    expect([running(back.state), back.state.round]).toEqual(['manager', 3]);
    expect(back.effects).toContainEqual({ kind: 'cancelSla', step: 'director', round: 2 });
  });

  it('to the previous step is refused on the first step', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const result = actOnApproval(tiers, state, { kind: 'return', taskId: taskOf(state, 'm'), actor: 'm', to: 'previous', comment: 'x' }, testClock());
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'return.no-previous-step' }] });
  });
});

describe('transfer (转办)', () => {
  const flow = board('all', { allowDelegate: true });

  it('moves the decision to another user in the same slot', async () => {
    const state = await startBoard(flow, ['a', 'b']);
    const moved = ok(actOnApproval(flow, state, { kind: 'transfer', taskId: taskOf(state, 'a'), actor: 'a', to: 'x', comment: '出差' }, testClock()));
    const x = moved.state.tasks.find((t) => t.assignee === 'x')!;
    expect([x.slot, x.origin, x.state]).toEqual([0, 'transfer', 'pending']);
    expect(moved.events[0]).toMatchObject({ type: 'transferred', actor: 'a', data: { to: 'x' } });
    // The slot is decided by x now: a and b are not enough, x and b are.
    expect(running(statusAfter(flow, moved.state, [approve('b')]))).toBe('board');
    expect(running(statusAfter(flow, moved.state, [approve('b'), approve('x')]))).toBe('gm');
  });

  it.each([
    ['a step that does not allow it', board('all'), 'x', 'transfer.not-allowed'],
    ['to oneself', flow, 'a', 'user.self'],
    ['to someone deciding in the step already', flow, 'b', 'user.already-assigned'],
  ])('is refused %s', async (_name, f, to, code) => {
    const state = await startBoard(f, ['a', 'b']);
    expect(actOnApproval(f, state, { kind: 'transfer', taskId: taskOf(state, 'a'), actor: 'a', to }, testClock())).toMatchObject({ ok: false, problems: [{ code }] });
  });
});

describe('add approver (加签)', () => {
  const flow = board('any', { allowAddApprover: true });

  it('before: the added user decides first, then the one who added them', async () => {
    const state = await startBoard(flow, ['a', 'b']);
    const added = ok(actOnApproval(flow, state, { kind: 'addApprover', taskId: taskOf(state, 'a'), actor: 'a', user: 'x', position: 'before' }, testClock()));
    const a = added.state.tasks.find((t) => t.assignee === 'a')!;
    expect(a.state).toBe('waiting');
    const tooEarly = actOnApproval(flow, added.state, { kind: 'approve', taskId: a.id, actor: 'a' }, testClock());
    expect(tooEarly).toMatchObject({ ok: false, problems: [{ code: 'task.waiting' }] });
    const afterX = run(flow, added.state, [approve('x')]);
    expect(running(afterX.state)).toBe('board');
    expect(afterX.effects).toContainEqual({ kind: 'notify', to: ['a'], reason: 'assigned', step: 'board', taskIds: [a.id] });
    expect(running(statusAfter(flow, afterX.state, [approve('a')]))).toBe('gm');
  });

  it('after: the actor approves now, and even an any step waits for the added user', async () => {
    const state = await startBoard(flow, ['a', 'b']);
    const added = ok(actOnApproval(flow, state, { kind: 'addApprover', taskId: taskOf(state, 'a'), actor: 'a', user: 'x', position: 'after' }, testClock()));
    expect(added.state.tasks.find((t) => t.assignee === 'a')!.state).toBe('approved');
    expect(running(added.state)).toBe('board');
    expect(added.events[0]).toMatchObject({ type: 'approver.added', data: { user: 'x', position: 'after' } });
    expect(running(statusAfter(flow, added.state, [approve('x')]))).toBe('gm');
  });

  it('is refused where the step does not allow it', async () => {
    const f = board('any');
    const state = await startBoard(f, ['a']);
    expect(actOnApproval(f, state, { kind: 'addApprover', taskId: taskOf(state, 'a'), actor: 'a', user: 'x', position: 'after' }, testClock())).toMatchObject({ ok: false, problems: [{ code: 'add-approver.not-allowed', kind: 'forbidden' }] });
  });
});

describe('recall (撤回) and comments', () => {
  it('the submitter recalls while nobody acted', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const end = ok(actOnApproval(tiers, state, { kind: 'recall', actor: 'rep' }, testClock()));
    expect(end.state.status).toBe('recalled');
    expect(end.state.tasks[0].state).toBe('cancelled');
    expect(end.effects).toEqual(expect.arrayContaining([{ kind: 'ended', outcome: 'recalled' }, { kind: 'cancelSla', step: 'manager', round: 1 }]));
  });

  it.each([
    ['by someone else', (s: ApprovalState) => s, 'm', 'recall.not-submitter'],
    ['after an approver acted', (s: ApprovalState) => statusAfter(tiers, s, [approve('m')]), 'rep', 'recall.too-late'],
  ])('is refused %s', async (_name, prepare, actor, code) => {
    const { state } = await started(tiers, { record: { amount: 120000 }, approvers: { manager: ['m'], director: ['d'] } });
    expect(actOnApproval(tiers, prepare(state), { kind: 'recall', actor }, testClock())).toMatchObject({ ok: false, problems: [{ code }] });
  });

  it('a comment adds to the timeline without closing the recall window', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const commented = ok(actOnApproval(tiers, state, { kind: 'comment', taskId: taskOf(state, 'm'), actor: 'm', comment: '看一下' }, testClock()));
    expect(commented.events).toEqual([expect.objectContaining({ type: 'commented', actor: 'm', comment: '看一下' })]);
    expect(commented.state.decided).toBe(false);
  });
});

describe('who may act', () => {
  it.each([
    ['someone who is not the assignee', (s: ApprovalState) => ({ kind: 'approve', taskId: taskOf(s, 'm'), actor: 'rep' }), 'task.not-assignee', 'forbidden'],
    ['an unknown task', () => ({ kind: 'approve', taskId: 'nope', actor: 'm' }), 'task.not-found', 'notFound'],
  ] as const)('%s is refused', async (_name, make, code, kind) => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    expect(actOnApproval(tiers, state, make(state) as ApprovalAction, testClock())).toMatchObject({ ok: false, problems: [{ code, kind }] });
  });

  it('a decided task cannot decide again', async () => {
    const { state } = await started(tiers, { record: { amount: 120000 }, approvers: { manager: ['m'], director: ['d'] } });
    const id = taskOf(state, 'm');
    const next = statusAfter(tiers, state, [approve('m')]);
    expect(actOnApproval(tiers, next, { kind: 'approve', taskId: id, actor: 'm' }, testClock())).toMatchObject({ ok: false, problems: [{ code: 'task.closed', kind: 'conflict' }] });
  });

  it('a refused action leaves the given state untouched', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const before = JSON.stringify(state);
    actOnApproval(tiers, state, { kind: 'reject', taskId: taskOf(state, 'm'), actor: 'm' }, testClock());
    ok(actOnApproval(tiers, state, { kind: 'approve', taskId: taskOf(state, 'm'), actor: 'm' }, testClock()));
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('timeout (SLA)', () => {
  const timeout = (s: ApprovalState, escalation = 0, targets = {}): ApprovalAction => ({ kind: 'timeout', step: s.route[s.current!].key, round: s.round, escalation, targets });

  it('escalate hands each pending task to the approver\'s manager', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const esc = ok(actOnApproval(tiers, state, timeout(state, 0, { managers: { m: 'boss' } }), testClock()));
    expect(esc.state.tasks.map((t) => [t.assignee, t.state, t.slot])).toEqual([['m', 'escalated', 0], ['boss', 'pending', 0]]);
    expect(esc.events[0]).toMatchObject({ type: 'escalated', actor: null, data: { moved: [{ from: 'm', to: 'boss' }] } });
    expect(esc.effects).toContainEqual(expect.objectContaining({ kind: 'notify', to: ['boss'], reason: 'escalated' }));
    // A system escalation does not close the submitter's recall window.
    expect(esc.state.decided).toBe(false);
  });

  it('escalate without a manager keeps the task and says so', async () => {
    const { state } = await started(tiers, { approvers: { manager: ['m'] } });
    const esc = ok(actOnApproval(tiers, state, timeout(state, 0, { managers: { m: null } }), testClock()));
    expect(esc.state.tasks.map((t) => t.state)).toEqual(['pending']);
    expect(esc.events[0].data).toMatchObject({ noManager: ['m'] });
  });

  it.each([
    ['remind', { to: ['boss'] }, (s: ApprovalState) => [s.status, s.tasks.map((t) => t.state)], ['pending', ['pending']]],
    ['approve', {}, (s: ApprovalState) => [s.status, s.tasks.map((t) => t.state)], ['approved', ['cancelled']]],
    ['reject', {}, (s: ApprovalState) => [s.status, s.tasks.map((t) => t.state)], ['rejected', ['cancelled']]],
    ['reassign', { to: ['x', 'y'] }, (s: ApprovalState) => [s.status, s.tasks.map((t) => `${t.assignee}:${t.state}`)], ['pending', ['m:escalated', 'x:pending', 'y:pending']]],
  ] as const)('%s', async (action, targets, view, expected) => {
    const flow = quoteFlow({}, [step('manager', { sla: 'PT2S', escalations: [{ action }] })]);
    const { state } = await started(flow, { approvers: { manager: ['m'] } });
    expect(view(ok(actOnApproval(flow, state, timeout(state, 0, targets), testClock())).state)).toEqual(expected);
  });

  it('a timer of an activation that is over changes nothing', async () => {
    const { state } = await started(tiers, { record: { amount: 120000 }, approvers: { manager: ['m'], director: ['d'] } });
    const stale = timeout(state, 0, { managers: { m: 'boss' } });
    const next = statusAfter(tiers, state, [approve('m')]);
    const result = ok(actOnApproval(tiers, next, stale, testClock()));
    expect(result.events).toEqual([]);
    expect(result.state).toEqual(next);
  });
});
