import type { MetadataIssue } from '../issues/metadata-issue';
import { pointer } from '../issues/json-pointer';
import type { Action, FieldValues } from '../metadata.generated';
import { lintCondition } from './condition.lint';
import { lintExpression } from './expression.lint';
import { error, recordScope, requireField, requireFlowOf, requireObject, requireRole, requireStage, show, warning, type RecordScope } from './lint.context';
import { lintPrincipals } from './principal.lint';

type ActionLinter<A extends Action> = (action: A, scope: RecordScope, at: string, issues: MetadataIssue[]) => void;

function lintValues(values: FieldValues, scope: RecordScope, at: string, issues: MetadataIssue[]): void {
  for (const [key, source] of Object.entries(values)) {
    const here = at + pointer(key);
    const field = requireField(scope, scope.object.key, key, here, issues);
    if (field?.stageOf !== undefined) issues.push(error(here, 'action.stage-field', `field ${show(key)} holds the stage of pipeline ${show(field.stageOf)}; move the record with a moveStage action so the stage gate applies`));
    else if (field && !field.writable) issues.push(error(here, 'action.field-not-writable', `field ${show(key)} is computed or retired and cannot be set`));
    if ('expression' in source) issues.push(...lintExpression(source.expression, here + '/expression'));
  }
}

/** Org units are run-time data too: an unknown unit is a warning when the set declares an org, and unchecked otherwise. */
function requireUnit(scope: RecordScope, unit: string, at: string, issues: MetadataIssue[]): void {
  if (scope.index.orgUnits.size > 0 && !scope.index.orgUnits.has(unit)) issues.push(warning(at, 'ref.unknown-unit', `org unit ${show(unit)} is not in the org document; it must exist at run time`));
}

/** One checker per action kind. */
const ACTION_LINTERS: { [K in Action['kind']]: ActionLinter<Extract<Action, { kind: K }>> } = {
  setField: (a, scope, at, issues) => lintValues(a.values, scope, at + '/values', issues),
  createRecord: (a, scope, at, issues) => {
    const target = requireObject(scope.index, a.object, at + '/object', issues);
    if (!target) return;
    lintValues(a.values, recordScope(scope.index, target), at + '/values', issues);
    const stageField = scope.index.pipelineOf.get(target.key)?.stageField;
    const missing = target.fields.filter((f) => f.required && !f.retired && f.default === undefined && !(f.key in a.values) && f.type !== 'autonumber' && f.key !== stageField);
    for (const f of missing) issues.push(warning(at + '/values', 'action.required-missing', `required field ${show(f.key)} of ${show(a.object)} gets no value; the created record will be refused`));
  },
  notify: (a, scope, at, issues) => issues.push(...lintPrincipals(a.to, scope, at + '/to')),
  webhook: (a, _scope, at, issues) => {
    if (a.body !== undefined) issues.push(...lintExpression(a.body, at + '/body'));
  },
  startApproval: (a, scope, at, issues) => requireFlowOf(scope, a.flow, at + '/flow', issues),
  assignOwner: (a, scope, at, issues) => {
    if (a.strategy === 'field') {
      if (a.field === undefined) issues.push(error(at + '/field', 'action.assign-field', 'strategy field needs the user field that holds the new owner'));
      else requireField(scope, scope.object.key, a.field, at + '/field', issues, ['user'], 'an owner assignment');
    } else if (a.strategy === 'map') {
      if (a.field === undefined) issues.push(error(at + '/field', 'action.assign-field', 'strategy map needs the field whose value is looked up'));
      else requireField(scope, scope.object.key, a.field, at + '/field', issues);
      if (a.map === undefined) issues.push(error(at + '/map', 'action.assign-map', 'strategy map needs the map from values to users or units'));
      (a.map ?? []).forEach((e, i) => {
        if (e.unit !== undefined) requireUnit(scope, e.unit, `${at}/map/${i}/unit`, issues);
      });
    } else if (a.role === undefined && a.unit === undefined) {
      issues.push(error(at + '/role', 'action.assign-role', `strategy ${a.strategy} needs the role or the unit whose members are candidates`));
    } else {
      if (a.role !== undefined) requireRole(scope.index, a.role, at + '/role', issues);
      if (a.unit !== undefined) requireUnit(scope, a.unit, at + '/unit', issues);
    }
  },
  classify: (a, scope, at, issues) => {
    const field = requireField(scope, scope.object.key, a.field, at + '/field', issues, ['choice'], 'classify');
    a.rules.forEach((r, i) => {
      issues.push(...lintCondition(r.when, scope, `${at}/rules/${i}/when`));
      if (field?.options && !field.options.includes(r.value)) issues.push(error(`${at}/rules/${i}/value`, 'ref.unknown-option', `${show(r.value)} is not an option of ${show(a.field)}`));
    });
    if (field?.options && a.otherwise !== undefined && !field.options.includes(a.otherwise)) {
      issues.push(error(at + '/otherwise', 'ref.unknown-option', `${show(a.otherwise)} is not an option of ${show(a.field)}`));
    }
  },
  moveStage: (a, scope, at, issues) => {
    if (!requireStage(scope, a.stage, at + '/stage', issues) || a.reason === undefined) return;
    const stage = scope.pipeline?.stages.find((s) => s.key === a.stage);
    if (!(stage?.reasons ?? []).some((r) => r.value === a.reason)) issues.push(error(at + '/reason', 'ref.unknown-reason', `${show(a.reason)} is not a reason of stage ${show(a.stage)}`));
  },
};

/** Checks what actions refer to, against the object of the record they run on. */
export function lintActions(actions: readonly Action[] | undefined, scope: RecordScope, at: string): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  (actions ?? []).forEach((a, i) => (ACTION_LINTERS[a.kind] as ActionLinter<Action>)(a, scope, `${at}/${i}`, issues));
  return issues;
}
