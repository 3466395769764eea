import type { MetadataIssue } from '../issues/metadata-issue';
import type { FormDefinition, FormItem } from '../metadata.generated';
import { lintCondition, requireRelationTo } from './condition.lint';
import { WIDGET_VALUE_CLASSES } from './form-widget.compat';
import { error, recordScope, requireField, requireObject, show, warning, type RecordScope } from './lint.context';
import type { MetadataIndex } from './metadata.index';

function lintItem(item: FormItem, scope: RecordScope, at: string, placed: Map<string, string>, issues: MetadataIssue[]): void {
  if (item.visibleWhen) issues.push(...lintCondition(item.visibleWhen, scope, at + '/visibleWhen'));
  if (item.kind === 'field') {
    const field = requireField(scope, scope.object.key, item.field, at + '/field', issues);
    if (field && item.widget) {
      const allowed = WIDGET_VALUE_CLASSES[item.widget];
      if (allowed !== 'any' && !allowed.includes(field.valueClass)) {
        issues.push(error(at + '/widget', 'form.widget-mismatch', `widget ${item.widget} cannot edit field ${show(item.field)} (a ${field.valueClass} value)`));
      }
    }
    const first = placed.get(item.field);
    if (first) issues.push(warning(at + '/field', 'form.field-repeated', `field ${show(item.field)} is already placed at ${first}`));
    else placed.set(item.field, at);
    if (item.readOnlyWhen) issues.push(...lintCondition(item.readOnlyWhen, scope, at + '/readOnlyWhen'));
    if (item.requiredWhen) issues.push(...lintCondition(item.requiredWhen, scope, at + '/requiredWhen'));
  } else if (item.kind === 'relatedList') {
    if (!requireObject(scope.index, item.object, at + '/object', issues)) return;
    requireRelationTo(scope, item.object, item.via, scope.object.key, at + '/via', issues);
    item.columns.forEach((c, i) => requireField(scope, item.object, c, `${at}/columns/${i}`, issues));
  }
}

/**
 * Every placed field exists and suits its widget, related lists follow a relation
 * back to this object, conditions refer to real fields; tab and section keys are unique.
 * A create form that leaves out a required field is flagged, since it could never save.
 */
export function lintForm(form: FormDefinition, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const object = requireObject(index, form.object, '/object', issues);
  if (!object) return issues;
  const scope = recordScope(index, object);
  const placed = new Map<string, string>();
  const keys = new Set<string>();
  const unique = (key: string, at: string) => {
    if (keys.has(key)) issues.push(error(at, 'form.duplicate-key', `tab or section key ${show(key)} is used twice`));
    keys.add(key);
  };
  form.tabs.forEach((tab, t) => {
    unique(tab.key, `/tabs/${t}/key`);
    if (tab.visibleWhen) issues.push(...lintCondition(tab.visibleWhen, scope, `/tabs/${t}/visibleWhen`));
    tab.sections.forEach((section, s) => {
      const at = `/tabs/${t}/sections/${s}`;
      unique(section.key, at + '/key');
      if (section.visibleWhen) issues.push(...lintCondition(section.visibleWhen, scope, at + '/visibleWhen'));
      section.items.forEach((item, i) => lintItem(item, scope, `${at}/items/${i}`, placed, issues));
    });
  });
  if (form.purposes?.includes('create')) {
    // The stage field is filled with the first stage on create, like a default.
    const stageField = scope.pipeline?.stageField;
    for (const f of object.fields) {
      if (f.required && !f.retired && !f.readOnly && f.default === undefined && f.type !== 'autonumber' && f.key !== stageField && !placed.has(f.key)) {
        issues.push(warning('/tabs', 'form.required-missing', `required field ${show(f.key)} is not on this create form, so a record can never be saved with it`));
      }
    }
  }
  return issues;
}
