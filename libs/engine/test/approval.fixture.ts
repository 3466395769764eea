import type { ApprovalFlowDefinition, ApprovalStep, ObjectDefinition } from '@tessera/metadata';
import { ExpressionCache } from '../src/expressions/expression.compile';
import type { ApprovalAction } from '../src/approvals/approval-action';
import { actOnApproval } from '../src/approvals/approval.act';
import { compileApprovalFlow } from '../src/approvals/approval-flow.compile';
import type { ApprovalClock, ApprovalResult, ApprovalState, ApprovalTransition } from '../src/approvals/approval-state';
import { startApproval, type ApprovalStartInput } from '../src/approvals/approval.start';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A quote with an amount and a user field; not a shipped pack. */
export const quote: ObjectDefinition = {
  kind: 'object',
  key: 'quote',
  label: l('报价单', 'Quote'),
  fields: [
    { key: 'title', type: 'text', label: l('标题', 'Title') },
    { key: 'amount', type: 'currency', label: l('金额', 'Amount') },
    { key: 'discount', type: 'percent', label: l('折扣', 'Discount') },
    { key: 'engineer', type: 'user', label: l('技术工程师', 'Engineer') },
  ],
};

export const step = (key: string, extra: Partial<ApprovalStep> = {}): ApprovalStep => ({
  key,
  label: l(`步骤 ${key}`, `Step ${key}`),
  approvers: [{ kind: 'role', role: key }],
  ...extra,
});

/**
 * The tiers of the seed story: the regional manager always; the sales director from
 * ¥50k; the GM above ¥200k.
 */
export function quoteFlow(patch: Partial<ApprovalFlowDefinition> = {}, steps?: ApprovalStep[]): ApprovalFlowDefinition {
  return {
    kind: 'approvalFlow',
    key: 'quote_approval',
    object: 'quote',
    label: l('报价审批', 'Quote approval'),
    steps: steps ?? [
      step('manager', { sla: 'PT8H', escalations: [{ action: 'escalate' }] }),
      step('director', { when: { kind: 'compare', field: 'amount', op: 'gte', value: '50000' } }),
      step('gm', { when: { kind: 'compare', field: 'amount', op: 'gt', value: '200000' } }),
    ],
    onApproved: [{ kind: 'setField', values: { title: { value: 'approved' } } }],
    onRejected: [{ kind: 'setField', values: { title: { value: 'rejected' } } }],
    ...patch,
  };
}

let ids = 0;

/** A clock for tests: ids t1, t2, ... unique across clocks (transitions continue each other); time moves only when told. */
export function testClock(now = '2026-03-01T08:00:00.000Z'): ApprovalClock & { set(t: string): void } {
  const clock = {
    now,
    newId: () => `t${++ids}`,
    set(t: string) {
      clock.now = t;
    },
  };
  return clock;
}

export const compileFlow = (flow: ApprovalFlowDefinition = quoteFlow(), version = 1) => compileApprovalFlow(flow, { object: quote, expressions: new ExpressionCache(), version });

export async function started(flow: ApprovalFlowDefinition, input: Partial<ApprovalStartInput> & Pick<ApprovalStartInput, 'approvers'>, clock = testClock()): Promise<ApprovalTransition> {
  const result = await startApproval(compileFlow(flow), { record: { amount: 30000 }, recordId: 'r1', submittedBy: 'rep', ...input }, clock);
  if (!result.ok) throw new Error(`start failed: ${JSON.stringify(result.problems)}`);
  return result;
}

export function ok(result: ApprovalResult): ApprovalTransition {
  if (!result.ok) throw new Error(`action refused: ${JSON.stringify(result.problems)}`);
  return result;
}

/** The pending task of `user` in the running step (throws when there is none). */
export function taskOf(state: ApprovalState, user: string): string {
  const t = state.tasks.find((x) => x.assignee === user && x.state === 'pending' && x.round === state.round);
  if (!t) throw new Error(`${user} has no pending task: ${JSON.stringify(state.tasks.map((x) => [x.assignee, x.state]))}`);
  return t.id;
}

/** Runs actions one after another; each must be accepted. */
export function run(flow: ApprovalFlowDefinition, state: ApprovalState, actions: Array<(s: ApprovalState) => ApprovalAction>, clock = testClock()): ApprovalTransition {
  let last: ApprovalTransition = { ok: true, state, events: [], effects: [] };
  for (const make of actions) last = ok(actOnApproval(flow, last.state, make(last.state), clock));
  return last;
}

export const approve = (user: string, comment?: string) => (s: ApprovalState): ApprovalAction => ({ kind: 'approve', taskId: taskOf(s, user), actor: user, ...(comment && { comment }) });
export const reject = (user: string, comment = 'price too low') => (s: ApprovalState): ApprovalAction => ({ kind: 'reject', taskId: taskOf(s, user), actor: user, comment });
