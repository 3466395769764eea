import type { ApprovalProblem, ApprovalStartProblem } from '@tessera/engine';
import { UserError } from '../common/errors/user.error';
import type { InstanceRow } from './approval.repository';

const STATUS: Record<ApprovalProblem['kind'], number> = { forbidden: 403, conflict: 409, invalid: 422, notFound: 404 };

/**
 * Problems the engine found with an action or a submit, as one problem+json: the status
 * of the first problem, every problem in `errors` (paths point into the request body, or
 * into the flow document for submit problems about its steps).
 */
export function approvalRefused(problems: readonly (ApprovalProblem | ApprovalStartProblem)[], title: string, locale: 'zh-CN' | 'en' = 'zh-CN'): UserError {
  const first = problems[0];
  const unmet = problems.flatMap((p) => ('unmet' in p && p.unmet ? p.unmet : []));
  return new UserError({
    status: STATUS[first.kind],
    code: `approval-${first.kind === 'notFound' ? 'not-found' : first.kind === 'invalid' ? 'invalid' : first.kind}`,
    title,
    detail: unmet.length ? unmet.map((u) => u.message[locale]).join('；') : first.message,
    errors: problems.map((p) => ({ path: p.path, code: p.code, message: p.message })),
  });
}

export const instanceNotFound = (id: string) =>
  new UserError({ status: 404, code: 'approval-not-found', title: 'Approval not found', detail: `No approval ${id} that you can see` });

export const taskNotFound = (id: string) =>
  new UserError({ status: 404, code: 'approval-task-not-found', title: 'Approval task not found', detail: `No approval task ${id}` });

export const alreadyPending = (flow: string, pending: InstanceRow) =>
  new UserError({
    status: 409,
    code: 'approval-pending',
    title: 'An approval of this flow is already running on the record',
    detail: `Approval ${pending.id} of ${flow} was submitted at ${pending.submittedAt.toISOString()} and is still pending`,
    errors: [{ path: '/flow', code: 'approval.pending', message: `approval ${pending.id} is pending` }],
    extensions: { approval: { id: pending.id, flow, href: `/api/approvals/instances/${pending.id}` } },
  });

export const bodyInvalid = (path: string, code: string, message: string) =>
  new UserError({ status: 422, code: 'approval-request-invalid', title: 'The request is invalid', errors: [{ path, code, message }] });
