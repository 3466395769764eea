import type { MetadataIssue } from '../issues/metadata-issue';
import type { ApprovalFlowDefinition } from '../metadata.generated';
import { lintActions } from './action.lint';
import { lintCondition } from './condition.lint';
import { duplicateKeys, error, recordScope, requireField, requireObject, requireRole, requireStage, show, warning } from './lint.context';
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
  if (start.onSave) issues.push(...lintCondition(start.onSave, scope, '/start/onSave'));
  if (start.manual === false && !start.onStageEnter?.length && !start.onSave) {
    issues.push(error('/start', 'approval.never-starts', 'the flow is neither manual nor started on a stage or on save; only an automation can start it (set manual, onStageEnter or onSave)'));
  }
  (flow.editableFields ?? []).forEach((f, i) => {
    const field = requireField(scope, object.key, f, `/editableFields/${i}`, issues);
    if (field && !field.writable) issues.push(error(`/editableFields/${i}`, 'action.field-not-writable', `field ${show(f)} is computed or retired; nobody edits it`));
  });

  issues.push(...duplicateKeys(flow.steps, '/steps', (s) => s.key, 'key', 'step.duplicate', 'step'));
  flow.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (step.when) issues.push(...lintCondition(step.when, scope, at + '/when'));
    issues.push(...lintPrincipals(step.approvers, scope, at + '/approvers'));
    if (step.mode === 'quorum' && step.quorum === undefined) issues.push(error(at + '/quorum', 'approval.quorum-missing', 'mode quorum needs quorum: how many approvers must approve'));
    if (step.quorum !== undefined && step.mode !== 'quorum') issues.push(warning(at + '/quorum', 'approval.quorum-unused', `quorum is only read with mode quorum, not ${show(step.mode ?? 'any')}`));
    if (step.mode === 'quorum' && step.quorum !== undefined && step.approvers.every((p) => p.kind === 'user' || p.kind === 'field' || p.kind === 'manager') && step.approvers.length < step.quorum) {
      issues.push(error(at + '/quorum', 'approval.quorum-unreachable', `${step.approvers.length} single-user approver(s) can never reach a quorum of ${step.quorum}`));
    }
    (step.escalations ?? []).forEach((e, j) => {
      if (e.action === 'reassign' && !e.to) issues.push(error(`${at}/escalations/${j}/to`, 'approval.reassign-target', 'a reassign escalation needs the new approvers (to)'));
      if (e.after === undefined && step.sla === undefined) issues.push(error(`${at}/escalations/${j}/after`, 'approval.escalation-when', 'an escalation without after fires when the step\'s sla passes, but the step has no sla'));
      if (e.levels !== undefined && (e.action !== 'escalate' || e.to)) issues.push(warning(`${at}/escalations/${j}/levels`, 'approval.levels-unused', 'levels is only read by an escalate escalation without to'));
      issues.push(...lintPrincipals(e.to, scope, `${at}/escalations/${j}/to`));
    });
  });
  issues.push(...lintActions(flow.onApproved, scope, '/onApproved'));
  issues.push(...lintActions(flow.onRejected, scope, '/onRejected'));
  return issues;
}
