import type { MetadataIssue } from '../issues/metadata-issue';
import type { AutomationDefinition, Trigger } from '../metadata.generated';
import { lintActions } from './action.lint';
import { lintCondition } from './condition.lint';
import { error, recordScope, requireField, requireFlowOf, requireObject, requireStage, show, warning, type RecordScope } from './lint.context';
import type { MetadataIndex } from './metadata.index';

type TriggerLinter<T extends Trigger> = (trigger: T, scope: RecordScope, issues: MetadataIssue[]) => void;

/** One checker per trigger kind. */
const TRIGGER_LINTERS: { [K in Trigger['on']]: TriggerLinter<Extract<Trigger, { on: K }>> } = {
  created: () => undefined,
  updated: () => undefined,
  fieldChanged: (t, scope, issues) => t.fields.forEach((f, i) => requireField(scope, scope.object.key, f, `/trigger/fields/${i}`, issues)),
  stageEntered: (t, scope, issues) => {
    if (!t.stages) requireAnyPipeline(scope, issues);
    (t.stages ?? []).forEach((s, i) => requireStage(scope, s, `/trigger/stages/${i}`, issues));
  },
  stageOverdue: (t, scope, issues) => {
    if (!t.stages) requireAnyPipeline(scope, issues);
    (t.stages ?? []).forEach((s, i) => {
      if (!requireStage(scope, s, `/trigger/stages/${i}`, issues)) return;
      if (!scope.pipeline?.stages.find((x) => x.key === s)?.timeout) issues.push(warning(`/trigger/stages/${i}`, 'automation.no-timeout', `stage ${show(s)} has no timeout, so it never becomes overdue`));
    });
  },
  approvalFinished: (t, scope, issues) => requireFlowOf(scope, t.flow, '/trigger/flow', issues),
  schedule: (t, scope, issues) => {
    (t.where ?? []).forEach((w, i) => issues.push(...lintCondition(w, scope, `/trigger/where/${i}`)));
  },
  relative: (t, scope, issues) => {
    if (t.field !== undefined) requireField(scope, scope.object.key, t.field, '/trigger/field', issues, ['date', 'datetime'], 'a relative trigger');
    if (t.direction === 'before' && t.field === undefined) issues.push(error('/trigger/direction', 'automation.before-needs-field', 'before counts back from a date field; a quiet period only runs after the last activity'));
    const related = t.noChange;
    if (related?.object === undefined && related?.via !== undefined) issues.push(error('/trigger/noChange/object', 'automation.related-object', 'via needs the related object it belongs to'));
    if (related?.object === undefined) return;
    const other = requireObject(scope.index, related.object, '/trigger/noChange/object', issues);
    if (!other) return;
    if (related.via === undefined) {
      issues.push(error('/trigger/noChange/via', 'automation.related-via', `name the relation field of ${show(related.object)} that points at ${show(scope.object.key)}`));
      return;
    }
    const via = requireField(scope, related.object, related.via, '/trigger/noChange/via', issues, ['record'], 'noChange.via');
    const target = via?.field?.type === 'relation' ? via.field.target : undefined;
    if (via && target !== scope.object.key) issues.push(error('/trigger/noChange/via', 'ref.relation-target', `${show(related.object)}.${related.via} points at ${show(target)}, not ${show(scope.object.key)}`));
  },
  fileAttached: (t, scope, issues) => {
    const attachments = scope.object.fields.filter((f) => f.type === 'attachment');
    const field = t.field === undefined ? undefined : requireField(scope, scope.object.key, t.field, '/trigger/field', issues, ['file'], 'a fileAttached trigger');
    if (t.field !== undefined && !field) return;
    const fields = field?.field ? [field.field] : attachments;
    const declared = new Set(fields.flatMap((f) => (f.type === 'attachment' ? (f.categories ?? []).map((c) => c.key) : [])));
    (t.categories ?? []).forEach((c, i) => {
      if (!declared.has(c)) issues.push(error(`/trigger/categories/${i}`, 'ref.unknown-category', `no attachment field${t.field ? ` ${show(t.field)}` : ''} of ${show(scope.object.key)} has the category ${show(c)}`));
    });
  },
};

function requireAnyPipeline(scope: RecordScope, issues: MetadataIssue[]): void {
  if (!scope.pipeline) issues.push(error('/trigger/on', 'ref.no-pipeline', `object ${show(scope.object.key)} has no pipeline, so no stage event ever happens`));
}

/** The trigger, condition and actions refer to things of the automation's object. */
export function lintAutomation(automation: AutomationDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const object = requireObject(index, automation.object, '/object', issues);
  if (!object) return issues;
  const scope = recordScope(index, object);
  (TRIGGER_LINTERS[automation.trigger.on] as TriggerLinter<Trigger>)(automation.trigger, scope, issues);
  if (automation.when) issues.push(...lintCondition(automation.when, scope, '/when'));
  issues.push(...lintActions(automation.actions, scope, '/actions'));
  return issues;
}
