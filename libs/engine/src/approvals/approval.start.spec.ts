import { compileFlow, quoteFlow, step, testClock } from '../../test/approval.fixture';
import { startApproval } from './approval.start';

const APPROVERS = { manager: ['m1'], director: ['d1'], gm: ['g1'] };

describe('startApproval: amount tiers', () => {
  it.each([
    [30000, ['manager'], ['director', 'gm']],
    [49999.99, ['manager'], ['director', 'gm']],
    [50000, ['manager', 'director'], ['gm']],
    [120000, ['manager', 'director'], ['gm']],
    [200000, ['manager', 'director'], ['gm']],
    ['500000.00', ['manager', 'director', 'gm'], []],
  ])('amount %s routes through %j and skips %j', async (amount, route, skipped) => {
    const result = await startApproval(compileFlow(), { record: { amount }, recordId: 'r1', submittedBy: 'rep', approvers: APPROVERS }, testClock());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.state.route.map((r) => r.key)).toEqual(route);
    expect(result.events.filter((e) => e.type === 'step.skipped').map((e) => e.step)).toEqual(skipped);
    // Only the first step has tasks; its approvers are told.
    expect(result.state.tasks.map((t) => [t.step, t.assignee, t.state])).toEqual([['manager', 'm1', 'pending']]);
    expect(result.effects).toContainEqual({ kind: 'notify', to: ['m1'], reason: 'assigned', step: 'manager', taskIds: [result.state.tasks[0].id] });
  });

  it('schedules the step SLA as a timer effect (escalation at the sla when it has no after)', async () => {
    const result = await startApproval(compileFlow(), { record: { amount: 1 }, recordId: 'r1', submittedBy: 'rep', approvers: APPROVERS }, testClock());
    expect(result.ok && result.effects.filter((e) => e.kind === 'scheduleSla')).toEqual([{ kind: 'scheduleSla', step: 'manager', round: 1, escalation: 0, after: 'PT8H' }]);
  });

  it('refuses a step that applies but resolves to nobody, pointing at its approvers', async () => {
    const result = await startApproval(compileFlow(), { record: { amount: 120000 }, recordId: 'r1', submittedBy: 'rep', approvers: { manager: ['m1'], director: [] } }, testClock());
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'approval.no-approvers', path: '/steps/1/approvers', kind: 'invalid' }] });
    if (!result.ok) expect(result.problems[0].message).toContain("role director in the owner's unit chain");
  });

  it('does not mind nobody for a step that does not apply', async () => {
    const result = await startApproval(compileFlow(), { record: { amount: 100 }, recordId: 'r1', submittedBy: 'rep', approvers: { manager: ['m1'] } }, testClock());
    expect(result.ok).toBe(true);
  });

  it('refuses a quorum the approvers cannot reach', async () => {
    const flow = quoteFlow({}, [step('board', { mode: 'quorum', quorum: 3 })]);
    const result = await startApproval(compileFlow(flow), { record: {}, recordId: 'r1', submittedBy: 'rep', approvers: { board: ['a', 'b'] } }, testClock());
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'approval.quorum-unreachable', path: '/steps/0/quorum' }] });
  });

  it('checks the entry criteria and reports the unmet condition with its message', async () => {
    const flow = quoteFlow({ start: { when: { kind: 'compare', field: 'discount', op: 'gt', value: 10 } } });
    const refused = await startApproval(compileFlow(flow), { record: { discount: 5 }, recordId: 'r1', submittedBy: 'rep', approvers: APPROVERS }, testClock());
    expect(refused).toMatchObject({ ok: false, problems: [{ code: 'approval.entry', path: '/start/when', unmet: [{ field: 'discount' }] }] });
    const accepted = await startApproval(compileFlow(flow), { record: { discount: 15 }, recordId: 'r1', submittedBy: 'rep', approvers: APPROVERS }, testClock());
    expect(accepted.ok).toBe(true);
  });

  it('refuses the submit when a step condition cannot be evaluated, never skipping the step', async () => {
    const flow = quoteFlow({}, [step('manager'), step('gm', { when: { kind: 'expression', expression: '$count([1..9000000].($string($)))', message: { 'zh-CN': '大额', en: 'Large' } } })]);
    const result = await startApproval(compileFlow(flow), { record: {}, recordId: 'r1', submittedBy: 'rep', approvers: { manager: ['m'], gm: ['g'] } }, testClock());
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'approval.condition-error', path: '/steps/1/when' }] });
  });

  it('branches on a JSONata step condition', async () => {
    const flow = quoteFlow({}, [step('manager'), step('gm', { when: { kind: 'expression', expression: 'amount * (1 - discount / 100) > 100000', message: { 'zh-CN': '大额', en: 'Large' } } })]);
    const routeOf = async (record: Record<string, unknown>) => {
      const r = await startApproval(compileFlow(flow), { record, recordId: 'r1', submittedBy: 'rep', approvers: { manager: ['m'], gm: ['g'] } }, testClock());
      return r.ok ? r.state.route.map((s) => s.key) : r.problems;
    };
    await expect(routeOf({ amount: 200000, discount: 60 })).resolves.toEqual(['manager']);
    await expect(routeOf({ amount: 200000, discount: 10 })).resolves.toEqual(['manager', 'gm']);
  });

  it('approves at once when no step applies, running the approval outcome', async () => {
    const flow = quoteFlow({}, [step('gm', { when: { kind: 'compare', field: 'amount', op: 'gt', value: 1000 } })]);
    const result = await startApproval(compileFlow(flow), { record: { amount: 10 }, recordId: 'r1', submittedBy: 'rep', approvers: {} }, testClock());
    if (!result.ok) throw new Error('refused');
    expect(result.state.status).toBe('approved');
    expect(result.effects).toContainEqual({ kind: 'finished', outcome: 'approved', actions: flow.onApproved });
  });

  it('pins the flow version and de-duplicates approvers', async () => {
    const result = await startApproval(compileFlow(quoteFlow(), 7), { record: { amount: 1 }, recordId: 'r1', submittedBy: 'rep', approvers: { manager: ['m1', 'm2', 'm1'] } }, testClock());
    expect(result.ok && result.state.flowVersion).toBe(7);
    expect(result.ok && result.state.route[0].approvers).toEqual(['m1', 'm2']);
  });

  it('opens a sequential step one approver at a time', async () => {
    const flow = quoteFlow({}, [step('board', { mode: 'sequential' })]);
    const result = await startApproval(compileFlow(flow), { record: {}, recordId: 'r1', submittedBy: 'rep', approvers: { board: ['a', 'b', 'c'] } }, testClock());
    expect(result.ok && result.state.tasks.map((t) => [t.assignee, t.state])).toEqual([['a', 'pending'], ['b', 'queued'], ['c', 'queued']]);
  });
});
