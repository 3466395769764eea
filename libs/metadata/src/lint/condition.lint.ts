import type { MetadataIssue } from '../issues/metadata-issue';
import { pointer } from '../issues/json-pointer';
import type { Condition } from '../metadata.generated';
import { compareProblem } from './compare-value.check';
import { lintExpression } from './expression.lint';
import { error, recordScope, requireField, requireFlowOf, requireObject, show, type RecordScope } from './lint.context';

type ConditionLinter<C extends Condition> = (condition: C, scope: RecordScope, at: string, issues: MetadataIssue[]) => void;

function lintCompare(c: { field: string; op: Parameters<typeof compareProblem>[1]; value?: unknown }, scope: RecordScope, at: string, issues: MetadataIssue[]) {
  const field = requireField(scope, scope.object.key, c.field, at + '/field', issues);
  const problem = field && compareProblem(field, c.op, c.value);
  if (problem) issues.push(error(at + (c.value === undefined ? '/op' : '/value'), 'condition.compare', `${c.field} ${c.op}: ${problem}`));
}

/** One checker per condition kind; adding a kind means adding an entry here. */
const CONDITION_LINTERS: { [K in Condition['kind']]: ConditionLinter<Extract<Condition, { kind: K }>> } = {
  filled: (c, scope, at, issues) => {
    requireField(scope, scope.object.key, c.field, at + '/field', issues);
  },
  compare: lintCompare,
  attachment: (c, scope, at, issues) => {
    const attachmentFields = scope.object.fields.filter((f) => f.type === 'attachment');
    let candidates = attachmentFields;
    if (c.field !== undefined) {
      const field = requireField(scope, scope.object.key, c.field, at + '/field', issues, ['file'], 'an attachment condition');
      if (!field) return;
      candidates = attachmentFields.filter((f) => f.key === c.field);
    } else if (attachmentFields.length === 0) {
      issues.push(error(at, 'condition.no-attachment-field', `object ${show(scope.object.key)} has no attachment field`));
      return;
    }
    const declared = candidates.some((f) => f.type === 'attachment' && (f.categories ?? []).some((cat) => cat.key === c.category));
    if (!declared) issues.push(error(at + '/category', 'ref.unknown-category', `attachment category ${show(c.category)} is not declared on ${c.field ? `field ${show(c.field)}` : 'any attachment field'} of ${show(scope.object.key)}`));
  },
  approval: (c, scope, at, issues) => requireFlowOf(scope, c.flow, at + '/flow', issues),
  checklist: (c, scope, at, issues) => {
    if (!scope.pipeline) issues.push(error(at, 'ref.no-pipeline', `object ${show(scope.object.key)} has no pipeline, so it has no checklist`));
    else if (!scope.pipeline.stages.some((s) => (s.checklist ?? []).some((i) => i.key === c.item))) {
      issues.push(error(at + '/item', 'ref.unknown-checklist-item', `checklist item ${show(c.item)} is not declared on any stage of pipeline ${show(scope.pipeline.key)}`));
    }
  },
  related: (c, scope, at, issues) => {
    const related = requireObject(scope.index, c.object, at + '/object', issues);
    if (!related) return;
    requireRelationTo(scope, c.object, c.via, scope.object.key, at + '/via', issues);
    const relatedScope = recordScope(scope.index, related);
    (c.where ?? []).forEach((w, i) => lintCompare(w, relatedScope, `${at}/where/${i}`, issues));
  },
  expression: (c, _scope, at, issues) => {
    issues.push(...lintExpression(c.expression, at + '/expression'));
  },
  all: (c, scope, at, issues) => c.conditions.forEach((n, i) => lintConditionInto(n, scope, `${at}/conditions/${i}`, issues)),
  any: (c, scope, at, issues) => c.conditions.forEach((n, i) => lintConditionInto(n, scope, `${at}/conditions/${i}`, issues)),
};

/** Checks that `via` on `objectKey` is a relation field pointing at `targetKey`. */
export function requireRelationTo(scope: Pick<RecordScope, 'index'>, objectKey: string, via: string, targetKey: string, at: string, issues: MetadataIssue[]): void {
  const field = requireField(scope, objectKey, via, at, issues, ['record'], 'a link between records');
  if (field?.field?.type === 'relation' && field.field.target !== targetKey) {
    issues.push(error(at, 'ref.via-target', `relation ${show(objectKey)}.${via} points at ${show(field.field.target)}, not ${show(targetKey)}`));
  }
}

function lintConditionInto(condition: Condition, scope: RecordScope, at: string, issues: MetadataIssue[]): void {
  (CONDITION_LINTERS[condition.kind] as ConditionLinter<Condition>)(condition, scope, at, issues);
}

/** Checks the references of a condition (and its nested conditions) against the record's object. */
export function lintCondition(condition: Condition, scope: RecordScope, at: string): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  lintConditionInto(condition, scope, at, issues);
  return issues;
}

export const lintConditions = (conditions: readonly Condition[] | undefined, scope: RecordScope, at: string): MetadataIssue[] =>
  (conditions ?? []).flatMap((c, i) => lintCondition(c, scope, at + pointer(i)));
