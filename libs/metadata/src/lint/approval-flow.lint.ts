import type { MetadataIssue } from '../issues/metadata-issue';
import type { ApprovalFlowDefinition } from '../metadata.generated';
import { lintActions } from './action.lint';
import { lintCondition } from './condition.lint';
import { duplicateKeys, error, recordScope, requireObject, requireRole, requireStage } from './lint.context';
import type { MetadataIndex } from './metadata.index';
import { lintPrincipals } from './principal.lint';

/** Start rules, steps, approvers, escalations and outcomes refer to things that exist. */
export function lintApprovalFlow(flow: ApprovalFlowDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const object = requireObject(index, flow.object, '/object', issues);
  if (!object) return issues;
  const scope = recordScope(index, object);

  const start = flow.start ?? {};
  (start.onStageEnter ?? []).forEach((s, i) => requireStage(scope, s, `/start/onStageEnter/${i}`, issues));
  (start.submitters ?? []).forEach((r, i) => requireRole(index, r, `/start/submitters/${i}`, issues));
  if (start.when) issues.push(...lintCondition(start.when, scope, '/start/when'));
  if (start.manual === false && !start.onStageEnter?.length) {
    issues.push(error('/start', 'approval.never-starts', 'the flow is neither manual nor started on a stage; only an automation can start it (set manual or onStageEnter)'));
  }

  issues.push(...duplicateKeys(flow.steps, '/steps', (s) => s.key, 'key', 'step.duplicate', 'step'));
  flow.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (step.when) issues.push(...lintCondition(step.when, scope, at + '/when'));
    issues.push(...lintPrincipals(step.approvers, scope, at + '/approvers'));
    (step.escalations ?? []).forEach((e, j) => {
      if (e.action === 'reassign' && !e.to) issues.push(error(`${at}/escalations/${j}/to`, 'approval.reassign-target', 'a reassign escalation needs the new approvers (to)'));
      issues.push(...lintPrincipals(e.to, scope, `${at}/escalations/${j}/to`));
    });
  });
  issues.push(...lintActions(flow.onApproved, scope, '/onApproved'));
  issues.push(...lintActions(flow.onRejected, scope, '/onRejected'));
  return issues;
}
